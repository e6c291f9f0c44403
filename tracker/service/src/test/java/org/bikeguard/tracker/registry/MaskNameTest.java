package org.bikeguard.tracker.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskNameTest {

    @Test
    void thePublicSeesTheFirstCharacterAndOneStarPerFurtherCharacterAtMostFour() {
        assertEquals("张*", PublicRegistryRoutes.maskName("张三"));
        assertEquals("欧***", PublicRegistryRoutes.maskName("欧阳娜娜"));
        assertEquals("阿****", PublicRegistryRoutes.maskName("阿卜杜热合曼·买买提"));
        assertEquals("李*", PublicRegistryRoutes.maskName("李"), "a one-character name still hides its length");
        assertEquals("𠀀*", PublicRegistryRoutes.maskName("𠀀家"), "a supplementary character is not split");
        assertEquals("", PublicRegistryRoutes.maskName(" "));
        assertEquals("", PublicRegistryRoutes.maskName(null));
    }
}
