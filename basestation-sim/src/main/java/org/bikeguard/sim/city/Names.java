package org.bikeguard.sim.city;

import java.util.SplittableRandom;

/**
 * Word lists for synthetic names: people (common Chinese surnames and given-name characters),
 * roads, residential compounds, workplaces and markets, e-bike brands and colours. Real words,
 * synthetic combinations: no generated name refers to a real person or place.
 *
 * <p>Stateless; thread-safe.
 */
public final class Names {
    static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            + "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
            + "贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉健俊帆建国" + "志文斌宇浩凯亮海燕琳雪梅丹晨欣怡子轩梓涵雨婷思远博文嘉豪慧颖春林波宁晶倩佳琪诗瑶天翔晓东";
    static final String[] ROADS = {
        "解放路", "船山大道", "蒸湘路", "衡州大道", "先锋路", "中山路", "雁峰路", "红湘路", "光辉街", "华新大道", "长湖路", "环城南路", "合江套路", "湘江北路", "东风路",
        "延安路", "建设路", "和平路", "人民路", "胜利路", "黄白路", "岳屏路", "常胜路", "立新路", "芙蓉路", "白沙大道", "衡花路", "太阳路", "西环路", "珠晖路", "酃湖路",
        "狮山路", "湘桂路", "演武坪路", "回雁路", "五一路", "广东路", "司前街", "沿江路", "晶珠路", "东阳渡路", "茶山坳路", "新民街", "青山街", "明珠路", "祝融路",
        "苗圃路", "天马路"
    };
    static final String[] WORDS = {
        "金桂", "翠竹", "湘江", "雁城", "南华", "阳光", "幸福", "锦绣", "华府", "春天", "紫荆", "碧水", "蓝湾", "滨江", "和平", "东方", "丽景", "嘉园",
        "恒丰", "衡岳", "石鼓", "蒸水", "来雁", "船山", "枫林", "梅园", "桃源", "芙蓉", "银杏", "香樟", "明珠", "新城", "湘南", "岳屏", "天马", "祥瑞",
        "富民", "兴业", "宏达", "瑞丰"
    };
    static final String[] COMPOUND_SUFFIX = {"小区", "花园", "苑", "家园", "新村", "公寓"};
    static final String[] WORK_SUFFIX = {"厂", "大厦", "公司", "医院", "物流园", "商场", "产业园"};
    static final String[] SCHOOL_SUFFIX = {"小学", "中学", "实验学校"};
    static final String[] MARKET_SUFFIX = {"菜市场", "超市", "农贸市场", "商业街"};
    /** E-bike brands: Chinese name. */
    static final String[] BRANDS = {"雅迪", "爱玛", "台铃", "新日", "绿源", "小牛", "九号", "立马", "小刀", "绿佳"};

    static final String[] COLOURS = {"白色", "黑色", "红色", "蓝色", "灰色", "银色", "粉色", "绿色"};
    static final String[] ARMS = {"北", "东", "南", "西"};

    private Names() {}

    /** A person's name: a surname and one or two given-name characters. */
    static String person(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(3);
        // Crude frequency skew: the first surnames of the list are the most common.
        int s = (int) (SURNAMES.length() * Math.pow(rnd.nextDouble(), 1.8));
        sb.append(SURNAMES.charAt(s));
        sb.append(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
        if (rnd.nextInt(100) < 70) {
            sb.append(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
        }
        return sb.toString();
    }

    /** The name of road {@code i} (arterials cycle through the list, locals are lanes). */
    public static String road(int i, boolean arterial, boolean column) {
        if (arterial) {
            String base = ROADS[Math.floorMod(i * 7 + (column ? 3 : 0), ROADS.length)];
            int round = i / ROADS.length;
            return round == 0 ? base : base + (round + 1);
        }
        return WORDS[Math.floorMod(i * 13 + (column ? 5 : 0), WORDS.length)] + (column ? "街" : "巷") + (i % 9 + 1);
    }

    /** A place name from a word and one of the suffixes. */
    static String place(SplittableRandom rnd, String[] suffixes) {
        return WORDS[rnd.nextInt(WORDS.length)] + suffixes[rnd.nextInt(suffixes.length)];
    }
}
