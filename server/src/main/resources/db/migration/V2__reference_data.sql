-- Reference data: settings, cities of Henan, land-use classes. Data only (DDL lives in V1).

INSERT INTO setting (key, value, description) VALUES
 ('area_tolerance_pct', '5', 'Flag a parcel when its registered area differs from the computed plane area by more than this percentage'),
 ('overlap_tolerance_m2', '1', 'Overlap between current parcels (and area outside the cluster) tolerated, m²'),
 ('tax_per_mu_target_wan', '11', 'Plan target: industrial tax per mu of industrial land, 万元/亩 (豫集聚办〔2020〕2号)');

INSERT INTO city (code, name, name_en, kind) VALUES
 ('410100', '郑州市', 'Zhengzhou', 'prefecture'), ('410200', '开封市', 'Kaifeng', 'prefecture'),
 ('410300', '洛阳市', 'Luoyang', 'prefecture'), ('410400', '平顶山市', 'Pingdingshan', 'prefecture'),
 ('410500', '安阳市', 'Anyang', 'prefecture'), ('410600', '鹤壁市', 'Hebi', 'prefecture'),
 ('410700', '新乡市', 'Xinxiang', 'prefecture'), ('410800', '焦作市', 'Jiaozuo', 'prefecture'),
 ('410900', '濮阳市', 'Puyang', 'prefecture'), ('411000', '许昌市', 'Xuchang', 'prefecture'),
 ('411100', '漯河市', 'Luohe', 'prefecture'), ('411200', '三门峡市', 'Sanmenxia', 'prefecture'),
 ('411300', '南阳市', 'Nanyang', 'prefecture'), ('411400', '商丘市', 'Shangqiu', 'prefecture'),
 ('411500', '信阳市', 'Xinyang', 'prefecture'), ('411600', '周口市', 'Zhoukou', 'prefecture'),
 ('411700', '驻马店市', 'Zhumadian', 'prefecture'), ('419001', '济源市', 'Jiyuan', 'demonstration'),
 ('411381', '邓州市', 'Dengzhou', 'county'), ('410184', '新郑市', 'Xinzheng', 'county'),
 ('411481', '永城市', 'Yongcheng', 'county'), ('411526', '固始县', 'Gushi', 'county'),
 ('410225', '兰考县', 'Lankao', 'county'), ('410381', '偃师市', 'Yanshi', 'county');

INSERT INTO land_use_code (scheme, code, name, name_en, color, industrial) VALUES
 ('GB/T 21010-2017', '0601', '工业用地', 'Industrial land', '#c9704c', true),
 ('GB/T 21010-2017', '0602', '采矿用地', 'Mining land', '#8d6e63', true),
 ('GB/T 21010-2017', '0603', '盐田', 'Salt pans', '#b0bec5', false),
 ('GB/T 21010-2017', '0604', '仓储用地', 'Warehousing land', '#9575cd', true),
 ('GB/T 21010-2017', '0508', '物流仓储用地', 'Logistics and warehousing land', '#7e57c2', true),
 ('GB/T 21010-2017', '0701', '城镇住宅用地', 'Urban residential land', '#f3d36b', false),
 ('GB/T 21010-2017', '0809', '公用设施用地', 'Public utilities land', '#4db6ac', false),
 ('GB/T 21010-2017', '1004', '城镇村道路用地', 'Urban road land', '#bdbdbd', false),
 ('GB/T 21010-2017', '0810', '公园与绿地', 'Parks and green space', '#81c784', false),
 ('用地用海分类', '100101', '一类工业用地', 'Class 1 industrial land', '#e08a64', true),
 ('用地用海分类', '100102', '二类工业用地', 'Class 2 industrial land', '#c9704c', true),
 ('用地用海分类', '100103', '三类工业用地', 'Class 3 industrial land', '#a1503a', true),
 ('用地用海分类', '1101', '物流仓储用地', 'Logistics and warehousing land', '#9575cd', true),
 ('用地用海分类', '1001', '工业用地', 'Industrial land', '#c9704c', true);
