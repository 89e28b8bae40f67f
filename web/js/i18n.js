// Interface language: Chinese by default, English switchable (?lang=en or the 中/EN button); remembered per browser.
import FINDINGS from './findings.js';

const DICT = {
  zh: {
    navMap: '地图', navAccount: '我的账户', navAdmin: '系统管理', changePassword: '修改密码', currentPassword: '当前密码',
    newPassword: '新密码（至少10位）', tokens: 'API 令牌', tokenName: '令牌名称', tokenDays: '有效天数（可空）', createToken: '生成令牌',
    tokenShownOnce: '请立即复制此令牌，它只显示这一次：', revoke: '吊销', revoked: '已吊销', prefix: '前缀', createdAt: '创建时间',
    expiresAt: '到期', lastUsed: '最近使用', users: '用户', audit: '审计日志', newUser: '新建用户', displayName: '姓名',
    grants: '角色与范围', active: '启用', locked: '已锁定', unlock: '解锁',
    deactivate: '停用', activate: '启用', resetPassword: '重置密码', saveRoles: '保存角色', actor: '操作人', action: '操作',
    target: '对象', outcome: '结果', at: '时间', from: '起', to: '止', filter: '筛选', exportCsv: '导出 CSV', more: '更多',
    lastSignIn: '最近登录', roles: '角色', passwordChanged: '密码已修改', userCreated: '用户已创建', owner: '所属用户',
    importTitle: '导入宗地文件', importFile: '文件（Shapefile 压缩包、GeoPackage、GeoJSON、DXF、KML、红线坐标 TXT）', encoding: '文字编码',
    encodingAuto: '自动（.cpg，否则 GBK）', sourceCrs: '坐标系', crsFromFile: '按文件（.prj/文件头）', upload: '上传并检查', features: '个要素',
    mappingSaved: '已套用该来源上次的字段对应', defaultLandUse: '默认地类', areaUnit: '面积单位', auto: '自动', dryRun: '试运行',
    dryRunResult: '试运行结果', status_accepted: '通过', status_repaired: '已修复', status_rejected: '拒绝', actionNew: '新增', actionUpdate: '更新',
    commitAll: '全部提交', commitAccepted: '仅提交通过的', committed: '已提交', clusterFromGeometry: '按图形所在集聚区', allClusters: '全部（我的范围）',
    exportTitle: '导出宗地', format: '格式', download: '下载', navImport: '导入', navExport: '导出',
    target_code: '宗地代码', target_landUseCode: '地类编码', target_landUseScheme: '地类分类体系', target_rightType: '权利性质',
    target_holderCreditCode: '权利人统一社会信用代码', target_holderName: '权利人名称', target_declaredArea: '申报面积', target_supplyDate: '供地日期',
    target_transferPriceWan: '出让价款（万元）', target_agreedStartDate: '约定动工日期', target_agreedCompletionDate: '约定竣工日期',
    target_contractedInvestmentWan: '合同投资（万元）', target_floorAreaRatio: '容积率', target_remarks: '备注',
    appTitle: '亩均 · 宗地登记', publicTitle: '亩均 · 产业集聚区地图', signIn: '登录', signOut: '退出', username: '用户名',
    password: '密码', signInFailed: '用户名或密码错误', search: '搜索宗地代码 / 企业名称 / 统一社会信用代码', noResults: '没有结果',
    parcels: '宗地', enterprises: '企业', legend: '图例', clusters: '产业集聚区', zoomIn: '放大到集聚区尺度以选择和编辑宗地',
    parcel: '宗地', code: '宗地代码', cluster: '集聚区', landUse: '地类', scheme: '分类体系', rightType: '权利类型',
    holder: '权利人', creditCode: '统一社会信用代码', areaComputed: '计算面积', registeredArea: '登记面积',
    areaMismatch: '登记面积与计算面积不符', supplyDate: '供地日期', transferPrice: '出让价款（万元）',
    agreedStart: '约定动工日期', agreedCompletion: '约定竣工日期', actualStart: '实际动工日期',
    actualCompletion: '实际竣工日期', investment: '合同投资（万元）', far: '容积率', coverage: '建筑密度（%）',
    remarks: '备注', version: '版本', history: '历史', attributes: '属性', edit: '编辑属性', editOutline: '编辑图形',
    split: '分割', merge: '合并', retire: '注销', draw: '新建宗地', save: '保存', cancel: '取消', reason: '变更原因',
    reasonRequired: '请填写变更原因', saved: '已保存', transfer: '出让', allocation: '划拨', lease: '租赁', none: '—',
    operation_create: '新建', operation_update: '修改', operation_split: '分割', operation_merge: '合并',
    operation_retire: '注销', operation_import: '导入', showOutline: '在图上显示', validFrom: '生效', by: '操作人',
    asOf: '历史时点', asOfNow: '现状', current: '现行', retired: '已注销', mu: '亩', m2: '平方米',
    drawHint: '在地图上绘制宗地边界，双击结束', splitHint: '画一条穿过宗地的线，双击结束', mergeHint: '按住 Shift 点击相邻宗地，然后点“合并”',
    selectedForMerge: '已选 {n} 宗', successors: '分割/合并为', predecessors: '来源宗地', needTwo: '至少选择两宗相邻宗地',
    confirmRetire: '确定注销该宗地？注销后保留历史，不可再修改。', error: '错误', close: '关闭', lang: 'EN',
    editHint: '拖动顶点修改边界，然后保存', basemapNone: '无底图', enterprise: '企业', heldArea: '持有面积', sizeClass: '规模',
    above: '规上', below: '规下', industry: '行业代码', publicIntro: '河南省产业集聚区分布。标准地出让信息发布后将在此公示。',
    staffLogin: '工作人员登录', plannedArea: '规划面积（km²）', city: '所属市县', codes: '新宗地代码（可选，逗号分隔）',
    errors: {
      VERSION_CONFLICT: '该宗地已被他人修改，请刷新后重新编辑', OVERLAP: '与现有宗地 {otherCode} 重叠 {overlapAreaM2} 平方米',
      GEOMETRY_INVALID: '图形无效：{reason}', OUTSIDE_CLUSTER: '有 {outsideAreaM2} 平方米位于集聚区边界外',
      OUTSIDE_HENAN: '坐标不在河南省范围内', DUPLICATE: '已有现行宗地使用该宗地代码', VALIDATION_FAILED: '部分字段无效',
      SIGN_IN_REQUIRED: '请先登录', FORBIDDEN: '无权执行此操作', OUT_OF_SCOPE: '不能修改该集聚区的宗地',
      SPLIT_LINE_DOES_NOT_CROSS: '分割线必须完整穿过宗地', MERGE_NOT_ADJACENT: '只能合并相邻宗地',
      REASON_REQUIRED: '请填写变更原因', PARCEL_RETIRED: '宗地已注销，不能修改',
      ACCOUNT_LOCKED: '登录失败次数过多，账户已暂时锁定', WEAK_PASSWORD: '密码太短（至少10位）', BAD_CREDENTIALS: '用户名或密码错误',
      TOO_MANY_REQUESTS: '请求过多，请稍候',
      CLUSTER_OVERLAP: '与集聚区 {otherName}（{otherCode}）重叠 {overlapAreaM2} 平方米', LEFT_OUTSIDE: '新边界会使现有宗地或园区落在集聚区外',
      TEMPLATE_MISMATCH: '表头与模板不符', MANY_SHEETS: '工作簿有多个含数据的工作表（{sheets}），请只保留要导入的一张',
      HEADER_MERGED: '第 {column} 列有数据但没有列名（表头是否合并了单元格？）', FILE_TYPE: '不接受这种类型的文件：请按提示的格式上传', FILE_EMPTY: '文件没有数据', FILE_CONTENT: '文件内容与其扩展名不符：请上传真实的文件',
      FILE_UNREADABLE: '无法读取该文件，请另存为 CSV（UTF-8）或 XLSX', ROWS_INVALID: '有被拒绝的行：请修改后重新检查，或只提交通过的行',
      REGISTER_CHANGED: '检查后名录已被他人修改，请重新检查文件', ALREADY_COMMITTED: '该文件已提交', NO_AREA: '文件中没有面状要素（多边形或闭合线）',
      CRS_MISSING: '文件未说明坐标系，请选择', CRS_CONTRADICTS: '坐标与所声明的坐标系不符', BAD_SOURCE: '未知的数据来源部门', TOO_LARGE: '文件过大',
      ALREADY_PUBLISHED: '该年度在这些集聚区已有发布的评价：请在“更正已发布的评价”中选择它，重新运行后再发布',
    },
    rules: { required: '为必填项', text: '应为文字', code: '代码格式或校验位不正确', choice: '应为以下之一：{values}', date: '应为日期（如 2024-05-31）',
      year: '年份应在 {min} 至 {max} 之间', maxLength: '最多 {max} 个字符', integer: '应为整数', positive: '应大于0', number: '应为数字',
      tooLarge: '数值过大', range: '应在 {min} 至 {max} 之间', greater: '应大于 {min}', nonNegative: '不能为负数', atLeast: '应不小于 {min}',
      atMost: '应不大于 {max}', boolean: '应为“是”或“否”', dateOrder: '不能早于开始日期',
      unknownField: '不是可填写的字段', mergedIntoRequired: '经营状态为“被兼并”时须填写兼并方信用代码', mergedIntoOnlyMerged: '仅“被兼并”的企业填写兼并方',
      mergedIntoSelf: '不能是企业自身', aboveSinceOnlyAbove: '仅规上企业填写纳规年份', notFuture: '不能晚于今天', notYourCluster: '不在您负责的集聚区内',
      unknownParcel: '不是现状宗地', point: '应为坐标点', geometry: '不是有效的图形', unknownCity: '不是本省的市县代码', unknownKind: '不是已有的园区类型',
      list: '应为代码列表', maxItems: '最多 {max} 项', unknownCluster: '没有此代码或名称的集聚区', sizeClass: '应为“规上”或“规下”',
      status: '应为在营、停产、注销或被兼并', duplicate: '在本文件中重复出现',
      unknownEnterprise: '您负责的集聚区内没有该信用代码的企业', yearFormat: '应为年份，如 2025', duplicateYear: '在本文件中 {year} 年重复出现',
      taxOverRevenue: '超过营业收入：请检查两列的单位', implausiblePerMu: '折合每亩 {perMu} {unit}（企业用地 {mu} 亩），远超实际：该列是否以“{smaller}”而非“{unit}”为单位？' },
    v: { required: '必填', codeLength: '宗地代码应为19位', codeDigits: '前12位应为数字', codeOwner: '第13位应为G、J或Z',
      codeRight: '第14位应为大写字母', codeSeq: '后5位应为数字', number: '应为数字', positive: '应大于0', range: '超出范围',
      dateOrder: '竣工日期不能早于动工日期', creditCode: '统一社会信用代码校验位错误' },
  },
  en: {
    navMap: 'Map', navAccount: 'My account', navAdmin: 'Administration', changePassword: 'Change password',
    currentPassword: 'Current password', newPassword: 'New password (10 characters or more)', tokens: 'API tokens',
    tokenName: 'Token name', tokenDays: 'Valid for days (optional)', createToken: 'Create token',
    tokenShownOnce: 'Copy this token now; it is shown only this once:', revoke: 'Revoke', revoked: 'revoked', prefix: 'Prefix',
    createdAt: 'Created', expiresAt: 'Expires', lastUsed: 'Last used', users: 'Users', audit: 'Audit log', newUser: 'New user',
    displayName: 'Name', grants: 'Roles and scopes', active: 'Active',
    locked: 'locked', unlock: 'Unlock', deactivate: 'Deactivate', activate: 'Activate', resetPassword: 'Reset password',
    saveRoles: 'Save roles', actor: 'Actor', action: 'Action', target: 'Target', outcome: 'Outcome', at: 'Time', from: 'From',
    to: 'To', filter: 'Filter', exportCsv: 'Export CSV', more: 'More', lastSignIn: 'Last sign-in', roles: 'Roles',
    passwordChanged: 'Password changed', userCreated: 'User created', owner: 'User',
    importTitle: 'Import a parcel file', importFile: 'File (Shapefile zip, GeoPackage, GeoJSON, DXF, KML, red-line TXT)', encoding: 'Text encoding',
    encodingAuto: 'Automatic (.cpg, else GBK)', sourceCrs: 'Coordinate system', crsFromFile: 'As the file says (.prj/header)', upload: 'Upload and inspect',
    features: 'features', mappingSaved: 'the mapping saved for this source was applied', defaultLandUse: 'Default land use', areaUnit: 'Area unit',
    auto: 'Automatic', dryRun: 'Dry run', dryRunResult: 'Dry run result', status_accepted: 'accepted', status_repaired: 'repaired',
    status_rejected: 'rejected', actionNew: 'new', actionUpdate: 'update', commitAll: 'Commit all', commitAccepted: 'Commit accepted only',
    committed: 'Committed', clusterFromGeometry: 'The cluster the outline lies in', allClusters: 'All (my scope)', exportTitle: 'Export parcels',
    format: 'Format', download: 'Download', navImport: 'Import', navExport: 'Export',
    target_code: 'Parcel code', target_landUseCode: 'Land-use code', target_landUseScheme: 'Land-use scheme', target_rightType: 'Right type',
    target_holderCreditCode: 'Holder credit code', target_holderName: 'Holder name', target_declaredArea: 'Declared area', target_supplyDate: 'Supply date',
    target_transferPriceWan: 'Transfer price (10k CNY)', target_agreedStartDate: 'Agreed start', target_agreedCompletionDate: 'Agreed completion',
    target_contractedInvestmentWan: 'Contracted investment (10k CNY)', target_floorAreaRatio: 'Floor-area ratio', target_remarks: 'Remarks',
    appTitle: 'Mujun · Parcel register', publicTitle: 'Mujun · Industrial clusters map', signIn: 'Sign in', signOut: 'Sign out',
    username: 'User name', password: 'Password', signInFailed: 'The user name or password is wrong',
    search: 'Search parcel code / enterprise name / credit code', noResults: 'No results', parcels: 'Parcels',
    enterprises: 'Enterprises', legend: 'Legend', clusters: 'Industrial clusters', zoomIn: 'Zoom in to a cluster to select and edit parcels',
    parcel: 'Parcel', code: 'Parcel code', cluster: 'Cluster', landUse: 'Land use', scheme: 'Scheme', rightType: 'Right type',
    holder: 'Right holder', creditCode: 'Credit code', areaComputed: 'Computed area', registeredArea: 'Registered area',
    areaMismatch: 'Registered area differs from the computed area', supplyDate: 'Supply date',
    transferPrice: 'Transfer price (10k CNY)', agreedStart: 'Agreed start', agreedCompletion: 'Agreed completion',
    actualStart: 'Actual start', actualCompletion: 'Actual completion', investment: 'Contracted investment (10k CNY)',
    far: 'Floor-area ratio', coverage: 'Building coverage (%)', remarks: 'Remarks', version: 'Version', history: 'History',
    attributes: 'Attributes', edit: 'Edit attributes', editOutline: 'Edit outline', split: 'Split', merge: 'Merge',
    retire: 'Retire', draw: 'New parcel', save: 'Save', cancel: 'Cancel', reason: 'Reason for the change',
    reasonRequired: 'Give a reason for the change', saved: 'Saved', transfer: 'Transfer', allocation: 'Allocation',
    lease: 'Lease', none: '—', operation_create: 'created', operation_update: 'updated', operation_split: 'split',
    operation_merge: 'merged', operation_retire: 'retired', operation_import: 'imported', showOutline: 'Show on map',
    validFrom: 'From', by: 'By', asOf: 'As of', asOfNow: 'Now', current: 'current', retired: 'retired', mu: 'mu', m2: 'm²',
    drawHint: 'Draw the parcel outline on the map; double-click to finish', splitHint: 'Draw a line across the parcel; double-click to finish',
    mergeHint: 'Shift-click neighbouring parcels, then press Merge', selectedForMerge: '{n} selected',
    successors: 'Became', predecessors: 'Came from', needTwo: 'Select at least two neighbouring parcels',
    confirmRetire: 'Retire this parcel? Its history is kept; it can no longer be changed.', error: 'Error', close: 'Close',
    lang: '中文', editHint: 'Drag the vertices, then save', basemapNone: 'No base map', enterprise: 'Enterprise',
    heldArea: 'Land held', sizeClass: 'Size', above: 'Above designated size', below: 'Below designated size',
    industry: 'Industry code', publicIntro: 'Industrial clusters of Henan. Standard-land offerings are published here once announced.',
    staffLogin: 'Staff sign-in', plannedArea: 'Planned area (km²)', city: 'City/county', codes: 'New parcel codes (optional, comma-separated)',
    errors: {
      VERSION_CONFLICT: 'Someone else changed this parcel; reload and edit again',
      OVERLAP: 'Overlaps current parcel {otherCode} by {overlapAreaM2} m²', GEOMETRY_INVALID: 'Invalid outline: {reason}',
      OUTSIDE_CLUSTER: '{outsideAreaM2} m² lie outside the cluster boundary', OUTSIDE_HENAN: 'The coordinates are outside Henan',
      DUPLICATE: 'Another current parcel has this code', VALIDATION_FAILED: 'Some fields are not valid',
      SIGN_IN_REQUIRED: 'Sign in first', FORBIDDEN: 'Your role does not allow this', OUT_OF_SCOPE: 'You may not change parcels of this cluster',
      SPLIT_LINE_DOES_NOT_CROSS: 'The line must cross the whole parcel', MERGE_NOT_ADJACENT: 'Only neighbouring parcels can be merged',
      REASON_REQUIRED: 'Give a reason for the change', PARCEL_RETIRED: 'The parcel is retired',
      ACCOUNT_LOCKED: 'Too many failed sign-ins: the account is locked for a while', WEAK_PASSWORD: 'The password is too short (10 characters or more)',
      CLUSTER_OVERLAP: 'Overlaps cluster {otherName} ({otherCode}) by {overlapAreaM2} m²', LEFT_OUTSIDE: 'The new boundary leaves current parcels or parks outside',
      TEMPLATE_MISMATCH: 'The header does not match the template', MANY_SHEETS: 'The workbook has several sheets with data ({sheets}): keep only the one to import',
      HEADER_MERGED: 'Column {column} has data but no name (merged header cells?)', FILE_TYPE: 'Files of this type are not accepted: upload one of the formats asked for', FILE_EMPTY: 'The file has no rows', FILE_CONTENT: 'The file\'s content does not match its extension: upload the real file',
      FILE_UNREADABLE: 'The file cannot be read: save it again as CSV (UTF-8) or XLSX', ROWS_INVALID: 'Some rows are rejected: fix them and check again, or commit only the valid rows',
      REGISTER_CHANGED: 'The register changed since the check: check the file again', ALREADY_COMMITTED: 'This file was already committed',
      NO_AREA: 'The file holds no area (polygon or closed line)', CRS_MISSING: 'The file does not say its CRS: choose one',
      CRS_CONTRADICTS: 'The coordinates contradict the declared CRS', BAD_SOURCE: 'Unknown source department', TOO_LARGE: 'The file is too large',
      ALREADY_PUBLISHED: 'A run is already published for this year in these clusters: choose it under “Corrects a published run”, run again and publish',
      BAD_CREDENTIALS: 'The user name or password is wrong', TOO_MANY_REQUESTS: 'Too many requests; wait a moment',
    },
    rules: { required: 'is required', text: 'must be text', code: 'is not a valid code (format or check character)', choice: 'must be one of {values}',
      date: 'must be a date like 2024-05-31', year: 'must be between {min} and {max}', maxLength: 'may have at most {max} characters',
      integer: 'must be a whole number', positive: 'must be positive', number: 'must be a number', tooLarge: 'is too large',
      range: 'must be between {min} and {max}', greater: 'must be greater than {min}', nonNegative: 'must not be negative',
      atLeast: 'must be at least {min}', atMost: 'must be at most {max}', boolean: 'must be true or false',
      dateOrder: 'must not be before the start date',
      unknownField: 'is not a field that can be written', mergedIntoRequired: 'is required when the status is merged',
      mergedIntoOnlyMerged: 'is only given for a merged enterprise', mergedIntoSelf: 'cannot be the enterprise itself',
      aboveSinceOnlyAbove: 'is only given for an enterprise above designated size', notFuture: 'cannot be in the future',
      notYourCluster: 'is not one of your clusters', unknownParcel: 'is not a current parcel', point: 'must be a point', geometry: 'is not a valid shape',
      unknownCity: 'is not a city or county of the province', unknownKind: 'is not a kind of park', list: 'must be a list of codes',
      maxItems: 'may have at most {max} entries', unknownCluster: 'names no cluster (code or name)', sizeClass: 'must be 规上 or 规下',
      status: 'must be operating, suspended, deregistered or merged', duplicate: 'appears twice in this file',
      unknownEnterprise: 'names no enterprise of your clusters', yearFormat: 'must be a year such as 2025', duplicateYear: 'appears twice for {year} in this file',
      taxOverRevenue: 'exceeds the revenue: check the units of both columns',
      implausiblePerMu: 'is {perMu} {unit} per mu of the enterprise\'s {mu} mu, beyond any real figure: is the column in {smaller} rather than {unit}?' },
    v: { required: 'required', codeLength: 'must have 19 characters', codeDigits: 'characters 1-12 must be digits',
      codeOwner: 'character 13 must be G, J or Z', codeRight: 'character 14 must be a capital letter',
      codeSeq: 'characters 15-19 must be digits', number: 'must be a number', positive: 'must be greater than 0',
      range: 'out of range', dateOrder: 'completion cannot be before the start', creditCode: 'wrong check character' },
  },
};

/**
 * Adds a feature's words to a language. A key that another feature already gave another text is refused at once: with
 * a plain merge the later text silently replaced the earlier one (errors, method, outcome and target were lost so).
 */
function add(lang, words) {
  for (const [k, v] of Object.entries(words)) {
    if (k in DICT[lang] && JSON.stringify(DICT[lang][k]) !== JSON.stringify(v)) throw new Error(`i18n: ${lang}.${k} is defined twice with different texts`);
  }
  Object.assign(DICT[lang], words);
}

let current = initialLang();

function initialLang() {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'en' || q === 'zh') return q;
  const saved = localStorage.getItem('mujun.lang');
  return saved === 'en' ? 'en' : 'zh';
}

/** The current language code: 'zh' or 'en'. */
export function lang() {
  return current;
}

export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh';
  localStorage.setItem('mujun.lang', current);
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

/** Translates a key (dotted for nested tables), filling {name} placeholders from vars. */
export function t(key, vars = {}) {
  let v = key.split('.').reduce((o, k) => (o == null ? o : o[k]), DICT[current]);
  if (v == null) v = key.split('.').reduce((o, k) => (o == null ? o : o[k]), DICT.zh);
  if (typeof v !== 'string') return key;
  return v.replace(/\{(\w+)\}/g, (_, n) => (vars[n] == null ? '' : String(vars[n])));
}

/** Fills every element with data-i18n (text) or data-i18n-placeholder (placeholder) under root. */
export function translatePage(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
}

// Standard land (public map, offering page and staff view).
add('zh', {
  landTitle: '亩均 · 标准地出让', landIntro: '河南省产业集聚区正在挂牌的工业“标准地”：出让前已明确投资强度、亩均税收、容积率和环境标准，拿地即可开工。',
  openOfferings: '挂牌中的标准地', cityLabel: '城市', anyCity: '全部城市', anyCluster: '全部集聚区', areaMu: '面积（亩）', minMu: '最小亩数', maxMu: '最大亩数',
  landUseAny: '全部用途', admittedIndustry: '准入行业代码', industryHint: '如 C39', priceWan: '起始价（万元）', minPrice: '最低价', maxPrice: '最高价',
  apply: '筛选', reset: '清除', noOfferings: '没有符合条件的地块', reservePrice: '起始价', deposit: '保证金', termYears: '出让年限',
  years: '年', far: '容积率', buildingCoefficient: '建筑系数', buildingDensity: '建筑密度', heightMax: '建筑限高', greenRatio: '绿地率',
  officeLiving: '行政办公及生活服务设施用地比例', industries: '准入行业', indicators: '控制指标', envStandard: '环境标准',
  assessments: '已完成的区域评估', announcedOn: '公告日期', listingEndsOn: '挂牌截止', documents: '公告文件', location: '坐落',
  planning: '规划条件', dates: '日期', backToMap: '返回地图', share: '本页链接可直接分享', notOpen: '该地块不在挂牌中（可能已成交或撤回）。',
  atom: '订阅（Atom）', rss: 'RSS', atLeast: '不低于', atMost: '不高于', plotNo: '地块编号', mu: '亩', wan: '万元',
  assess_energy: '节能', assess_environment: '环境影响', assess_flood: '防洪', assess_soil_water: '水土保持', assess_water_resources: '水资源论证',
  assess_mineral: '压覆矿产', assess_geohazard: '地质灾害',
  navLand: '标准地', landStaffTitle: '标准地（全部状态）', pipeline: '各集聚区进度', shareOfNew: '标准地占新增工业用地比例',
  status: '状态', st_planned: '拟出让', st_announced: '挂牌中', st_transferred: '已成交', st_construction: '建设中', st_accepted: '已验收',
  st_failed: '验收未通过', st_supervision: '监管中', st_withdrawn: '已撤回', allStatuses: '全部状态', warnings: '预警',
  w_overdueStart: '逾期未动工', w_overdueCompletion: '逾期未竣工', w_listingEnded: '挂牌已截止', w_failed: '验收未通过', w_notMet: '承诺指标未达标',
  nextStep: '下一步', date: '日期', note: '说明', winner: '竞得企业', contractDate: '合同日期', transactionPrice: '成交价（万元）',
  commitments: '承诺指标', committedValue: '承诺值', actual: '实际值', met: '达标', notMet: '未达标', noData: '无数据', gap: '差额',
  remedies: '违约责任', parcelCode: '宗地代码（新宗地）', compliance: '达产复核（对标验收）',
  steps: '流程记录', save: '保存', newOffering: '新建标准地', internalNotes: '内部备注（不公开）', name: '名称', year: '年度',
  newIndustrialMu: '新增工业用地（亩）', standardLandMu: '其中标准地（亩）', count: '宗', uploadDoc: '上传', publicDoc: '公开',
  makeOffering: '设为标准地', offeringSaved: '已保存', moved: '已更新状态',
  clusterStandards: '集聚区控制标准', plotParcels: '地块所含宗地（宗地代码，逗号分隔）', drawPlot: '在地图上绘制地块', plotDrawn: '已绘制',
  nationalFloor: '国家标准',
});
add('en', {
  landTitle: 'Mujun · Standard land', landIntro: 'Industrial "standard land" open for bidding in Henan\'s clusters: investment intensity, tax per mu, floor-area ratio and environmental standards are fixed before the sale.',
  openOfferings: 'Open offerings', cityLabel: 'City', anyCity: 'All cities', anyCluster: 'All clusters', areaMu: 'Area (mu)', minMu: 'Min mu', maxMu: 'Max mu',
  landUseAny: 'Any land use', admittedIndustry: 'Admitted industry code', industryHint: 'e.g. C39', priceWan: 'Reserve price (10k yuan)', minPrice: 'Min price', maxPrice: 'Max price',
  apply: 'Filter', reset: 'Clear', noOfferings: 'No offering matches', reservePrice: 'Reserve price', deposit: 'Deposit', termYears: 'Term',
  years: 'years', far: 'Floor-area ratio', buildingCoefficient: 'Building coefficient', buildingDensity: 'Building density', heightMax: 'Height limit', greenRatio: 'Green ratio',
  officeLiving: 'Office and living land share', industries: 'Admitted industries', indicators: 'Control indicators', envStandard: 'Environmental standard',
  assessments: 'Regional assessments done', announcedOn: 'Announced', listingEndsOn: 'Listing ends', documents: 'Documents', location: 'Location',
  planning: 'Planning conditions', dates: 'Dates', backToMap: 'Back to the map', share: 'This page\'s address can be shared', notOpen: 'This plot is not open for bidding (it may have been sold or withdrawn).',
  atom: 'Subscribe (Atom)', rss: 'RSS', atLeast: 'at least', atMost: 'at most', plotNo: 'Plot no.', mu: 'mu', wan: '10k yuan',
  assess_energy: 'Energy', assess_environment: 'Environment', assess_flood: 'Flood control', assess_soil_water: 'Soil and water', assess_water_resources: 'Water resources',
  assess_mineral: 'Mineral overlay', assess_geohazard: 'Geological hazard',
  navLand: 'Standard land', landStaffTitle: 'Standard land (all states)', pipeline: 'Pipeline per cluster', shareOfNew: 'Share of new industrial land',
  status: 'Status', st_planned: 'Planned', st_announced: 'Announced', st_transferred: 'Transferred', st_construction: 'Under construction', st_accepted: 'Accepted',
  st_failed: 'Failed', st_supervision: 'Supervision', st_withdrawn: 'Withdrawn', allStatuses: 'All states', warnings: 'Warnings',
  w_overdueStart: 'Start overdue', w_overdueCompletion: 'Completion overdue', w_listingEnded: 'Listing ended', w_failed: 'Failed check', w_notMet: 'Commitments not met',
  nextStep: 'Next step', date: 'Date', note: 'Note', winner: 'Winning enterprise', contractDate: 'Contract date', transactionPrice: 'Price (10k yuan)',
  commitments: 'Commitments', committedValue: 'Committed', actual: 'Actual', met: 'Met', notMet: 'Not met', noData: 'No data', gap: 'Gap',
  remedies: 'Remedies', parcelCode: 'Parcel code (new parcel)', compliance: 'Check after construction',
  steps: 'Steps', save: 'Save', newOffering: 'New offering', internalNotes: 'Internal notes (not public)', name: 'Name', year: 'Year',
  newIndustrialMu: 'New industrial land (mu)', standardLandMu: 'of which standard land (mu)', count: '', uploadDoc: 'Upload', publicDoc: 'Public',
  makeOffering: 'Offer as standard land', offeringSaved: 'Saved', moved: 'Status updated',
  clusterStandards: 'Cluster standards', plotParcels: 'Parcels of the plot (codes, comma-separated)', drawPlot: 'Draw the plot on the map', plotDrawn: 'drawn',
  nationalFloor: 'national',
});

// Low-efficiency land (staff view, the marking form and the printable summary).
add('zh', {
  navLowEff: '低效用地', lowEffTitle: '低效用地调查与处置', markLowEff: '标注低效用地', kind: '类型', wholeParcel: '整宗地', drawPart: '在地图上绘制部分地块',
  partDrawn: '已绘制部分', surveyDate: '调查日期', criteria: '认定依据（每行一条）', notes: '备注', disposalStatus: '处置状态',
  dp_none: '未制定方案', dp_planned: '已制定方案', dp_in_progress: '处置中', dp_done: '已处置', dp_cancelled: '已取消', allKinds: '全部类型', allDisposal: '全部处置状态',
  fromDate: '调查日期起', toDate: '调查日期止', summary: '集聚区汇总', taggedMu: '低效用地（亩）', disposedMu: '已处置（亩）', revivedMu: '盘活（亩）',
  shareOfIndustrial: '占工业用地', plansDone: '方案完成', overduePlans: '逾期方案', proposals: '规则筛查建议', runRules: '运行筛查规则', asOfDate: '筛查基准日',
  accept: '采纳', dismiss: '驳回', dismissReason: '驳回理由', proposed: '新增建议', evidence: '佐证材料', addEvidence: '上传照片/材料',
  plan: '处置方案', method: '处置方式', responsibleUnit: '责任单位', deadline: '完成期限', addStep: '添加进展', stepTitle: '事项', dueDate: '计划日期',
  doneOn: '完成日期', markDone: '标记完成', planStatus: '方案状态', newTax: '新增税收（万元）', newEnterprise: '新引进企业（统一社会信用代码）',
  completedOn: '完成日期', disposalOutcome: '处置结果', idleFee: '闲置费（万元）', recoveryDate: '可无偿收回日期', overdue: '逾期', patrol: '约定日期已过未见动工/竣工',
  clearTag: '撤销标注', clearReason: '撤销理由', printReport: '打印汇总', surveyTable: '调查表', tagSaved: '已标注', noTags: '暂无低效用地',
  province: '全省', cityTotals: '各市汇总', byKind: '按类型', developedArea: '已开发面积（m²）', invested: '已投资额（万元）', suspendedSince: '中止开发日期', productionStoppedSince: '停产之日', productionHalvedSince: '半停产之日',
  legalDates: '法定日期（闲置土地处置办法）', idleBasis: '起算', basis_not_started: '未动工开发', basis_suspended: '动工后中止开发',
  agreedStartDate: '约定动工开发日期', idleFrom: '认定闲置之日', feeFrom: '可征缴闲置费之日', fullYears: '满 {n} 年',
  fullYearReading: '“满一年”的计算', reading_anniversary: '至对应日即为期满（当日起算）', reading_civil_code: '期间届满之次日（民法典第二百零一至二百零三条）',
  pausedDays: '扣除期间（天）', addPause: '登记不计入期间（第八条）', pauseCause: '原因', cause_government: '政府及有关部门行为', cause_planning: '规划调整',
  cause_force_majeure: '不可抗力', cause_other: '其他', pauseFrom: '起始日', pauseTo: '截止日', pauseEvidence: '证明材料（文号、出具机关、内容）',
  withdraw: '撤回', withdrawReason: '撤回理由', recordDecision: '登记处置决定', decisionKind: '决定', decision_fee: '征缴土地闲置费决定',
  decision_recovery: '收回国有建设用地使用权决定', decidedOn: '决定日期', decisionRef: '文号', feeDatePassed: '已到期未作闲置费决定',
  recoveryDatePassed: '已到可收回日期未作决定',
  rule_slowed: '动工后开发缓慢', rule_stopped_recorded: '登记停产满期', rule_half_stopped_recorded: '登记半停产满期',
  rule_idle_not_started: '满一年未动工', rule_idle_suspended: '开发不足且中止满一年', rule_not_completed: '逾期两年未竣工', rule_no_tax: '连续两年未纳税', rule_low_output: '产值/用电低于正常水平',
});
add('en', {
  navLowEff: 'Low-efficiency land', lowEffTitle: 'Low-efficiency land: survey and disposal', markLowEff: 'Mark low-efficiency land', kind: 'Kind', wholeParcel: 'Whole parcel',
  drawPart: 'Draw a part on the map', partDrawn: 'part drawn', surveyDate: 'Survey date', criteria: 'Criteria met (one per line)', notes: 'Notes',
  disposalStatus: 'Disposal', dp_none: 'No plan', dp_planned: 'Planned', dp_in_progress: 'In progress', dp_done: 'Disposed', dp_cancelled: 'Cancelled',
  allKinds: 'All kinds', allDisposal: 'Any disposal state', fromDate: 'Surveyed from', toDate: 'Surveyed to', summary: 'Cluster summary',
  taggedMu: 'Low-efficiency (mu)', disposedMu: 'Disposed (mu)', revivedMu: 'Revived (mu)', shareOfIndustrial: 'Share of industrial land', plansDone: 'Plans done',
  overduePlans: 'Overdue plans', proposals: 'Proposals from the rules', runRules: 'Run the rules', asOfDate: 'As of', accept: 'Accept', dismiss: 'Dismiss',
  dismissReason: 'Why dismiss', proposed: 'new proposals', evidence: 'Evidence', addEvidence: 'Upload photo/document', plan: 'Disposal plan', method: 'Method',
  responsibleUnit: 'Responsible unit', deadline: 'Deadline', addStep: 'Add a step', stepTitle: 'Step', dueDate: 'Due', doneOn: 'Done on', markDone: 'Mark done',
  planStatus: 'Plan status', newTax: 'New tax (10k yuan)', newEnterprise: 'New enterprise (credit code)', completedOn: 'Completed on', disposalOutcome: 'Outcome',
  idleFee: 'Idle-land fee (10k yuan)', recoveryDate: 'May be recovered from', overdue: 'Overdue', patrol: 'Agreed date passed with no start/completion',
  clearTag: 'Clear tag', clearReason: 'Why clear', printReport: 'Print summary', surveyTable: 'Survey table', tagSaved: 'Tagged', noTags: 'No low-efficiency land',
  province: 'Province', cityTotals: 'Cities', byKind: 'By kind', developedArea: 'Developed area (m²)', invested: 'Invested (10k yuan)', suspendedSince: 'Suspended since', productionStoppedSince: 'Production stopped since', productionHalvedSince: 'Half stopped since',
  legalDates: 'Legal dates (idle-land rules)', idleBasis: 'Counted from', basis_not_started: 'Not started', basis_suspended: 'Started, then suspended',
  agreedStartDate: 'agreed start', idleFrom: 'Idle from', feeFrom: 'Idle-land fee due from', fullYears: '{n} full year(s)',
  fullYearReading: 'Reading of "one full year"', reading_anniversary: 'full on the corresponding day', reading_civil_code: 'full at the end of it, the day after (Civil Code arts. 201–203)',
  pausedDays: 'Days not counted', addPause: 'Record a period not counted (art. 8)', pauseCause: 'Cause', cause_government: 'Government action', cause_planning: 'Planning change',
  cause_force_majeure: 'Force majeure', cause_other: 'Other', pauseFrom: 'From', pauseTo: 'To', pauseEvidence: 'Evidence (document no., issuer, content)',
  withdraw: 'Withdraw', withdrawReason: 'Why withdraw', recordDecision: 'Record a decision', decisionKind: 'Decision', decision_fee: 'Idle-land fee decision',
  decision_recovery: 'Recovery decision', decidedOn: 'Decided on', decisionRef: 'Document no.', feeDatePassed: 'Fee date passed, no decision',
  recoveryDatePassed: 'Recovery date passed, no decision',
  rule_slowed: 'Construction slowed', rule_stopped_recorded: 'Recorded stoppage', rule_half_stopped_recorded: 'Recorded half stoppage',
  rule_idle_not_started: 'Not started 1 year after agreed start', rule_idle_suspended: 'Under-developed, suspended 1 year', rule_not_completed: 'Not completed 2 years late',
  rule_no_tax: 'No tax for 2 years', rule_low_output: 'Output/electricity below normal',
});

// Enterprise evaluation (亩均论英雄) and the dashboard.
add('zh', {
  navEval: '亩均评价', evalTitle: '企业分类综合评价', indicatorsImport: '年度指标导入', template: '下载模板', chooseFile: '选择文件（XLSX 或 CSV）',
  checkFile: '检查', commitAll: '全部提交', commitValid: '仅提交无误行', rowsOk: '行无误', rowsBad: '行有误', line: '行号', rowProblems: '问题',
  runEval: '运行评价', evalMethod: '评价办法', runs: '评价批次', results: '评价结果', publish: '发布', discard: '废弃', verify: '复核重算', identical: '重算结果一致',
  notIdentical: '重算结果不一致', draft: '草稿', published: '已发布', superseded: '已被更正', score: '综合得分', rank: '排名', cls: '类别', step: '判定依据',
  excluded: '不参评', veto: '一票否决', explain: '一企一档', indicator: '指标', value: '数值', benchmark: '基准值', weight: '权重', points: '得分', capped: '封顶',
  previousClass: '上年类别', classHistory: '历年类别', exportResults: '导出结果', exportPolicies: '导出差别化政策', dashboard: '集聚区看板', targetLine: '目标',
  taxPerMu: '亩均税收（万元/亩）', vaPerMu: '亩均增加值（万元/亩）', energyPerVa: '单位增加值能耗（吨标准煤/万元）', energyChange: '能耗强度变化',
  classMix: '类别分布', provinceRank: '全省排名', cityRank: '市内排名', lowEffMu: '低效用地（亩）', trend: '近五年走势', map: '地图', correction: '更正批次',
  durationMs: '耗时（毫秒）', enterprisesCount: '企业数', group: '分组', land: '用地（亩）',
});
add('en', {
  navEval: 'Evaluation', evalTitle: 'Enterprise comprehensive evaluation', indicatorsImport: 'Import yearly figures', template: 'Download template',
  chooseFile: 'Choose a file (XLSX or CSV)', checkFile: 'Check', commitAll: 'Commit all', commitValid: 'Commit valid rows only', rowsOk: 'rows fine', rowsBad: 'rows with errors',
  line: 'Line', rowProblems: 'Problems', runEval: 'Run evaluation', evalMethod: 'Method', runs: 'Runs', results: 'Results', publish: 'Publish', discard: 'Discard',
  verify: 'Verify by re-computing', identical: 'Re-computation identical', notIdentical: 'Re-computation differs', draft: 'Draft', published: 'Published',
  superseded: 'Superseded', score: 'Score', rank: 'Rank', cls: 'Class', step: 'Why this class', excluded: 'Not evaluated', veto: 'Veto', explain: 'Enterprise file',
  indicator: 'Indicator', value: 'Value', benchmark: 'Benchmark', weight: 'Weight', points: 'Points', capped: 'capped', previousClass: 'Last year',
  classHistory: 'Class history', exportResults: 'Export results', exportPolicies: 'Export policies', dashboard: 'Cluster dashboard', targetLine: 'Target',
  taxPerMu: 'Tax per mu (10k yuan)', vaPerMu: 'Value added per mu (10k yuan)', energyPerVa: 'Energy per value added (tce/10k yuan)', energyChange: 'Energy intensity change',
  classMix: 'Class mix', provinceRank: 'Province rank', cityRank: 'City rank', lowEffMu: 'Low-efficiency land (mu)', trend: 'Five-year trend', map: 'Map',
  correction: 'Correction of run', durationMs: 'Time (ms)', enterprisesCount: 'Enterprises', group: 'Group', land: 'Land (mu)',
});

// The register view (clusters, parks, enterprises, the roster file).
add('zh', {
  navRegistry: '名录管理', regTitle: '集聚区、园区与企业名录', regClusters: '产业集聚区', regCode: '代码', regName: '名称', regNameEn: '英文名称',
  regLevel: '级别', regLevel_national: '国家级', regLevel_provincial: '省级', regLevel_other: '其他', regApprovedArea: '核准面积',
  regBoundaryArea: '边界面积', regIndustries: '主导产业（行业代码）', regChemical: '化工', regChemicalLed: '化工为主导产业', regChemicalPark: '含化工园区',
  regOpen: '查看', regNewCluster: '新建集聚区', regEditCluster: '修改集聚区', regParks: '区中园', regKind: '园区类型', regOperator: '运营主体',
  regTaxPerMu: '亩均税收（万元/亩）', regLowEffMu: '低效用地（亩）', regNoParks: '尚无园区', regNewPark: '新建园区',
  regOutsideFlagged: '边界调整后有 {n} 宗现状宗地位于集聚区外（已标记）：', regBoundaryFile: '边界文件（SHP 压缩包、GPKG、GeoJSON、DXF、KML、红线 TXT）',
  regReading: '正在读取……', regBoundaryRead: '已读取 {features} 个要素，面积 {area} 平方千米（坐标系 EPSG:{srid}）', regBoundaryNeeded: '请先选择边界文件',
  regOutsideChoice: '新边界使现状宗地落在界外时', regOutsideRefuse: '拒绝并列出这些宗地', regOutsideFlag: '接受并标记这些宗地',
  regClusterCreated: '集聚区 {code} 已创建', regEnterprises: '企业', regSearch: '名称或信用代码', regNewEnterprise: '新增企业',
  regMatched: '共 {n} 家，显示第 {from}–{to} 家', regIndustry: '行业代码', regSize: '规模', regSize_above: '规上', regSize_below: '规下',
  regStatus_operating: '在营', regStatus_suspended: '停产', regStatus_deregistered: '注销', regStatus_merged: '被兼并',
  regAboveSince: '纳规年份', regFounded: '成立日期', regProductionStart: '投产日期', regAddress: '地址', regMergedInto: '兼并方信用代码',
  regPremises: '租用宗地代码（无自有土地时）', regRoster: '导入企业名录', regRosterHint: '发改、工信部门的企业名录（XLSX 或 CSV，UTF-8 或 GBK）：按统一社会信用代码匹配，空白单元格保留原值；先逐行检查，再提交。',
  regRosterCounts: '共 {rows} 行：新增 {fresh}，变更 {changed}，无变化 {unchanged}，拒绝 {rejected}', regLine: '行号', regWhat: '变更内容或拒绝原因',
  regRow_new: '新增', regRow_changed: '变更', regRow_unchanged: '无变化', regRow_rejected: '拒绝', regCommitValid: '只提交通过的行',
  regCommitted: '已提交：新增 {inserted} 家，更新 {updated} 家，跳过 {skipped} 行',
});
add('en', {
  navRegistry: 'Register', regTitle: 'Clusters, parks and enterprises', regClusters: 'Industrial clusters', regCode: 'Code', regName: 'Name', regNameEn: 'English name',
  regLevel: 'Level', regLevel_national: 'National', regLevel_provincial: 'Provincial', regLevel_other: 'Other', regApprovedArea: 'Approved area',
  regBoundaryArea: 'boundary', regIndustries: 'Leading industries (codes)', regChemical: 'Chemicals', regChemicalLed: 'Chemical-led cluster', regChemicalPark: 'Holds a chemical park',
  regOpen: 'Open', regNewCluster: 'New cluster', regEditCluster: 'Edit cluster', regParks: 'Parks in the cluster', regKind: 'Kind', regOperator: 'Operator',
  regTaxPerMu: 'Tax per mu (10k yuan)', regLowEffMu: 'Low-efficiency land (mu)', regNoParks: 'No parks yet', regNewPark: 'New park',
  regOutsideFlagged: '{n} current parcels lie outside since the boundary changed (flagged):', regBoundaryFile: 'Boundary file (SHP zip, GPKG, GeoJSON, DXF, KML, red-line TXT)',
  regReading: 'Reading…', regBoundaryRead: 'Read {features} feature(s), {area} km² (CRS EPSG:{srid})', regBoundaryNeeded: 'Choose the boundary file first',
  regOutsideChoice: 'When the new boundary leaves current parcels outside', regOutsideRefuse: 'Refuse and list them', regOutsideFlag: 'Accept and flag them',
  regClusterCreated: 'Cluster {code} created', regEnterprises: 'Enterprises', regSearch: 'Name or credit code', regNewEnterprise: 'New enterprise',
  regMatched: '{n} enterprises, showing {from}–{to}', regIndustry: 'Industry', regSize: 'Size', regSize_above: 'Above size', regSize_below: 'Below size',
  regStatus_operating: 'Operating', regStatus_suspended: 'Suspended', regStatus_deregistered: 'Deregistered', regStatus_merged: 'Merged',
  regAboveSince: 'Above size since', regFounded: 'Founded', regProductionStart: 'Production start', regAddress: 'Address', regMergedInto: 'Merged into (credit code)',
  regPremises: 'Rented parcel code (when it holds none)', regRoster: 'Import an enterprise roster', regRosterHint: 'The roster of the development-reform or industry office (XLSX or CSV, UTF-8 or GBK): matched by credit code, empty cells keep what is stored; checked row by row first, then committed.',
  regRosterCounts: '{rows} rows: {fresh} new, {changed} changed, {unchanged} unchanged, {rejected} rejected', regLine: 'Line', regWhat: 'Changes or why rejected',
  regRow_new: 'New', regRow_changed: 'Changed', regRow_unchanged: 'Unchanged', regRow_rejected: 'Rejected', regCommitValid: 'Commit the valid rows only',
  regCommitted: 'Committed: {inserted} new, {updated} updated, {skipped} rows skipped',
});
add('zh', { figSource: '数据来源部门', figColumns: '文件的列', figConverted: '单位已换算', figSources: '数据来源', figUsed: '采用' });
add('en', { figSource: 'Source department', figColumns: 'Columns of the file', figConverted: 'Unit converted', figSources: 'Sources', figUsed: 'used' });
add('zh', {
  figure: '指标数据', figNoSource: '未记录来源（早于来源登记）', src_form: '人工录入', src_summary: '汇总表',
  fig_tax_wan: '实缴税金（万元）', fig_revenue_wan: '营业收入（万元）', fig_value_added_wan: '工业增加值（万元）', fig_output_wan: '工业总产值（万元）',
  fig_profit_wan: '利润总额（万元）', fig_energy_tce: '综合能耗（吨标准煤）', fig_electricity_wan_kwh: '用电量（万千瓦时）', fig_emissions_t: '主要污染物排放量（吨）',
  fig_employees: '年平均职工人数', fig_rd_wan: '研发经费支出（万元）', fig_investment_wan: '累计固定资产投资（万元）', fig_rented_area_m2: '租用土地面积（平方米）',
});
add('en', {
  figure: 'Figure', figNoSource: 'No source recorded (entered before sources were kept)', src_form: 'Entered in the app', src_summary: 'Summary template',
  fig_tax_wan: 'Tax paid (10k yuan)', fig_revenue_wan: 'Revenue (10k yuan)', fig_value_added_wan: 'Value added (10k yuan)', fig_output_wan: 'Output (10k yuan)',
  fig_profit_wan: 'Profit (10k yuan)', fig_energy_tce: 'Energy (tce)', fig_electricity_wan_kwh: 'Electricity (10k kWh)', fig_emissions_t: 'Emissions (t)',
  fig_employees: 'Employees', fig_rd_wan: 'R&D (10k yuan)', fig_investment_wan: 'Fixed-asset investment (10k yuan)', fig_rented_area_m2: 'Rented land (m²)',
});
add('zh', { regDraw: '在地图上绘制边界', regDrawHint: '在地图上逐点单击，双击结束', regDrawn: '已绘制边界' });
add('en', { regDraw: 'Draw the boundary on the map', regDrawHint: 'Click point by point on the map; double-click to finish', regDrawn: 'Boundary drawn' });
add('zh', { parkOf: '其中园区：', tagsCount: '处低效用地', industrialMu: '工业用地（亩）' });
add('en', { parkOf: 'of which park:', tagsCount: 'low-efficiency sites', industrialMu: 'Industrial land (mu)' });
add('zh', { anyClass: '全部类别', changedOnly: '只看类别有变化的', resultsMatched: '共 {n} 家，显示第 {from}–{to} 家' });
add('en', { anyClass: 'Any class', changedOnly: 'Changed class only', resultsMatched: '{n} enterprises, showing {from}–{to}' });
add('zh', { correctsRun: '更正已发布的评价', noCorrection: '不是更正', correctionReason: '说明（更正时必填）', correctionReasonNeeded: '更正已发布的评价须说明原因',
  correctionOf: '更正第 {id} 次' });
add('en', { correctsRun: 'Corrects a published run', noCorrection: 'Not a correction', correctionReason: 'Note (required for a correction)',
  correctionReasonNeeded: 'A correction of a published run needs its reason', correctionOf: 'corrects #{id}' });
add('zh', { regIndustriesExample: '如 C34,C39（国民经济行业分类，逗号分隔）', regParkCodeExample: '如 {code}-01', regIndustryExample: '如 C3484（国民经济行业分类）' });
add('en', { regIndustriesExample: 'e.g. C34,C39 (GB/T 4754 codes, comma-separated)', regParkCodeExample: 'e.g. {code}-01', regIndustryExample: 'e.g. C3484 (GB/T 4754 code)' });

// The method editor and the policies (methods.js, policies.js).
add('zh', {
  navMethods: '评价办法', mwTitle: '评价办法与差别化政策', mwProvince: '省级', mwName: '名称', mwOwner: '制定单位', mwVersion: '版本', mwStatus: '状态',
  mwInForceFrom: '施行年度', mwSt_draft: '草稿', mwSt_in_force: '施行中', mwSt_retired: '已废止', mwSt_new: '新建', mwFromStart: '自始施行', mwOpen: '打开',
  mwStartFrom: '以此为模板新建', mwNewBlank: '从空白新建评价办法', mwNewMethod: '新建评价办法', mwVersions: '各版本',
  mwReadOnlyOwner: '此办法由其他单位制定，只能查看；可“以此为模板新建”本地办法。', mwReadOnlyFrozen: '此版本已施行或废止，规则不再改动；修改请“另存为新草稿”。',
  mwMeta_code: '代码（如 anyang-2024）', mwMeta_name: '名称', mwMeta_nameEn: '英文名称', mwClasses: '评价类别（由优到劣）', mwRounding: '名额取整',
  mwHalfUp: '四舍五入', mwFloor: '向下取整', mwCeil: '向上取整', mwAsQuotas: '同名额取整', mwLandBasis: '用地口径', mwHeldRented: '自有加租用土地', mwHeld: '仅自有土地',
  mwScope: '评价范围', mwBelowMinMu: '规下企业最小用地（亩）', mwIndustries: '行业门类或大类（如 C）', mwYounger: '投产不满（年）不评', mwNewlyAbove: '新纳规不满（年）不评',
  mwGroups: '分组与指标', mwGroup: '分组', mwCode: '代码', mwSize: '企业规模', mwAbove: '规上', mwBelow: '规下', mwRemoveGroup: '删除分组', mwAddGroup: '添加分组',
  mwIndicator: '指标', mwWeight: '权重', mwCap: '封顶（倍）', mwBenchmark: '基准值', mwMissing: '缺值处理', mwBmMean: '组内平均', mwBmFixed: '固定值',
  mwBmMultiple: '平均值的倍数', mwMissZero: '记 0 分', mwMissMean: '记组内平均得分', mwRemove: '删除', mwAddIndicator: '添加指标', mwAddCustom: '添加自定义指标',
  mwIndName: '指标名称', mwUnit: '单位', mwNumerator: '分子（指标数据）', mwNoDenominator: '无分母', mwLand: '用地面积（亩）',
  mwRule: '分类规则', mwTwoStage: '两段法（前后半区重排）', mwQuotas: '按比例名额', mwThresholds: '按分数线', mwPer: '排名范围', mwPerCluster: '各集聚区',
  mwPerCity: '全市', mwPerProvince: '本次评价全部', mwShares: '各类名额比例', mwMins: '各类最低分', mwTopShare: '前半区比例', mwHalfRounding: '半区取整',
  mwAShare: '首类比例', mwARankBy: '首类重排依据', mwCShare: '末类比例', mwCRankBy: '末类重排依据（升序）', mwRefill: '否决空出的名额依次递补',
  mwItems: '加分、否决、保护与不定等级事项', mwEvidence: '依据数据', mwEffect: '作用', mwPointsOrClass: '加分或类别', mwReason: '说明', mwAddItem: '添加事项',
  mwMin: '不少于', mwPoints: '加分', mwPointsPer: '每件加分', mwMaxPoints: '最多加分', mwFx_bonus: '加分', mwFx_veto: '一票否决（最高列入）',
  mwFx_protect: '不列入最低类', mwFx_exclude: '不定等级（不参评）', mwJson: '以 JSON 查看或编辑', mwJsonBad: 'JSON 有误：{error}',
  mwSaveDraft: '保存草稿', mwNewDraft: '另存为新草稿', mwPreview: '预览变化', mwPutInForce: '施行', mwRetire: '废止', mwRetireConfirm: '废止后此版本不再用于新的评价，确定废止？',
  mwDraftSaved: '已保存为草稿 v{version}', mwPutInForceDone: '此版本已施行', mwRetired: '此版本已废止', mwProblems: '还有 {n} 处需要修改：', mwNoProblems: '规则完整，可以预览或施行。',
  mwCreated: '已新建评价办法 {code}（草稿）', mwSaved: '草稿已保存', mwSavedWithProblems: '草稿已保存，还有 {n} 处需要修改', mwPreviewing: '正在按此版本试算……',
  mwPreviewOf: '{year} 年试算：{n} 家企业，{evaluated} 家参评', mwComparedWith: '与已发布的第 {run} 次评价相比，{changed} 家企业类别将变化（试算结果不保存）。',
  mwNoBase: '{year} 年尚无已发布的评价，只显示试算的类别分布（试算结果不保存）。', mwClass: '类别', mwBase: '已发布', mwWould: '按此版本', mwWas: '原类别',
  mwStep: '分类依据', mwMoreChanges: '另有 {n} 家类别变化未列出',
  polTitle: '差别化政策', polGeneral: '通用', polMethod: '适用办法', polKind: '政策类型与执行部门', polDescription: '政策内容', polValue: '数值与单位',
  polYears: '连续年数', polBasis: '政策依据', polActive: '有效', polAdd: '新增政策', polSaved: '政策已保存', polConflict: '政策已被他人修改，已重新载入，请再次修改',
});
add('en', {
  navMethods: 'Methods', mwTitle: 'Evaluation methods and policies', mwProvince: 'Province', mwName: 'Name', mwOwner: 'Owner', mwVersion: 'Version', mwStatus: 'Status',
  mwInForceFrom: 'In force from', mwSt_draft: 'Draft', mwSt_in_force: 'In force', mwSt_retired: 'Retired', mwSt_new: 'New', mwFromStart: 'from the start', mwOpen: 'Open',
  mwStartFrom: 'Start a method from this one', mwNewBlank: 'New method from a blank', mwNewMethod: 'New method', mwVersions: 'Versions',
  mwReadOnlyOwner: 'Another authority owns this method: read only. Start a local method from it instead.',
  mwReadOnlyFrozen: 'This version is in force or retired and never changes; save it as a new draft to change it.',
  mwMeta_code: 'Code (e.g. anyang-2024)', mwMeta_name: 'Name', mwMeta_nameEn: 'English name', mwClasses: 'Classes (best first)', mwRounding: 'Quota rounding',
  mwHalfUp: 'Half up', mwFloor: 'Floor', mwCeil: 'Ceiling', mwAsQuotas: 'As the quotas', mwLandBasis: 'Land counted', mwHeldRented: 'Held and rented', mwHeld: 'Held only',
  mwScope: 'Scope', mwBelowMinMu: 'Below-size: at least (mu)', mwIndustries: 'Industry sections or divisions (e.g. C)', mwYounger: 'Exclude if in production under (years)',
  mwNewlyAbove: 'Exclude if above size for under (years)', mwGroups: 'Groups and indicators', mwGroup: 'Group', mwCode: 'Code', mwSize: 'Size class', mwAbove: 'Above size',
  mwBelow: 'Below size', mwRemoveGroup: 'Remove group', mwAddGroup: 'Add a group', mwIndicator: 'Indicator', mwWeight: 'Weight', mwCap: 'Cap (× weight)',
  mwBenchmark: 'Benchmark', mwMissing: 'Missing value', mwBmMean: 'Group mean', mwBmFixed: 'Fixed', mwBmMultiple: 'Multiple of the mean', mwMissZero: 'Scores 0',
  mwMissMean: 'Group mean points', mwRemove: 'Remove', mwAddIndicator: 'Add an indicator', mwAddCustom: 'Add an indicator of your own', mwIndName: 'Indicator name',
  mwUnit: 'Unit', mwNumerator: 'Numerator (a figure)', mwNoDenominator: 'No denominator', mwLand: 'Land (mu)', mwRule: 'Class rule',
  mwTwoStage: 'Two-stage (re-rank each half)', mwQuotas: 'Quotas', mwThresholds: 'Score thresholds', mwPer: 'Ranked within', mwPerCluster: 'Each cluster',
  mwPerCity: 'The city', mwPerProvince: 'The whole run', mwShares: 'Share of each class', mwMins: 'Lowest score of each class', mwTopShare: 'Top half share',
  mwHalfRounding: 'Half rounding', mwAShare: 'First class share', mwARankBy: 'First class re-ranked by', mwCShare: 'Last class share',
  mwCRankBy: 'Last class re-ranked by (ascending)', mwRefill: 'Slots freed by vetoes pass to the next', mwItems: 'Bonus, veto, protection and not-classified items',
  mwEvidence: 'Evidence figure', mwEffect: 'Effect', mwPointsOrClass: 'Points or class', mwReason: 'Reason', mwAddItem: 'Add an item', mwMin: 'at least',
  mwPoints: 'Points', mwPointsPer: 'Points each', mwMaxPoints: 'At most', mwFx_bonus: 'Bonus points', mwFx_veto: 'Veto (no better than)', mwFx_protect: 'Never the lowest class',
  mwFx_exclude: 'Not classified', mwJson: 'View or edit as JSON', mwJsonBad: 'The JSON is not valid: {error}', mwSaveDraft: 'Save draft', mwNewDraft: 'Save as a new draft',
  mwPreview: 'Preview the changes', mwPutInForce: 'Put in force', mwRetire: 'Retire', mwRetireConfirm: 'A retired version is no longer used for new runs. Retire it?',
  mwDraftSaved: 'Saved as draft v{version}', mwPutInForceDone: 'The version is in force', mwRetired: 'The version is retired', mwProblems: '{n} things to fix:',
  mwNoProblems: 'The rules are complete: preview them or put them in force.', mwCreated: 'Method {code} created (draft)', mwSaved: 'Draft saved',
  mwSavedWithProblems: 'Draft saved; {n} things still to fix', mwPreviewing: 'Computing with this version…', mwPreviewOf: '{year}: {n} enterprises, {evaluated} evaluated',
  mwComparedWith: 'Against published run {run}: {changed} enterprises would change class (nothing is kept).',
  mwNoBase: 'No published run for {year}: the classes this version would give (nothing is kept).', mwClass: 'Class', mwBase: 'Published', mwWould: 'This version',
  mwWas: 'Was', mwStep: 'Why', mwMoreChanges: '{n} more changes not listed',
  polTitle: 'Differentiated policies', polGeneral: 'General', polMethod: 'Method', polKind: 'Kind and department', polDescription: 'Measure', polValue: 'Value and unit',
  polYears: 'Consecutive years', polBasis: 'Legal basis', polActive: 'In effect', polAdd: 'Add a policy', polSaved: 'Policy saved',
  polConflict: 'Someone else changed this policy; reloaded — make your change again',
});

// Printable result lists and 一企一档 (eval-print.js).
add('zh', {
  prPrint: '打印', prIssuer: '发布单位', prMethod: '评价办法：{method}（第 {version} 版），第 {run} 次评价', prNotPublished: '（草稿，尚未发布）',
  prAllClusters: '各产业集聚区', prListTitle: '{year} 年度{scope}工业企业亩均效益综合评价结果', prTotal: '合计', prNo: '序号', prExcluded: '不参与分类的企业（{n} 家）',
  prReason: '原因', prCommittee: '管理委员会', prProvinceOffice: '河南省产业集聚区联席会议办公室', prDossierTitle: '{year} 年度企业亩均效益评价档案（一企一档）：{name}',
  prIndustry: '行业代码', prBonus: '含加分', prIndicators: '评价指标与得分', prItems: '加分、否决与保护事项', prFigures: '指标数据及来源', prPolicies: '适用的差别化政策',
  prNoPolicies: '本类别无差别化政策。', prStreak: '连续 {n} 年', prYear: '年度', prTrendChart: '近五年实缴税金（万元）及类别', prBadLink: '链接不完整：缺少评价编号或企业编号。',
  grp_above: '规上', grp_below: '规下', printList: '打印结果名单', printDossier: '打印一企一档', evItems: '加分与否决事项', evPolicies: '适用政策',
});
add('en', {
  prPrint: 'Print', prIssuer: 'Issued by', prMethod: 'Method: {method} (version {version}), run {run}', prNotPublished: '(draft, not published)',
  prAllClusters: 'all clusters', prListTitle: '{year} land-use efficiency evaluation of industrial enterprises: {scope}', prTotal: 'Total', prNo: 'No.',
  prExcluded: 'Not classified ({n})', prReason: 'Reason', prCommittee: ' administrative committee', prProvinceOffice: 'Henan industrial cluster joint conference office',
  prDossierTitle: '{year} enterprise evaluation file: {name}', prIndustry: 'Industry code', prBonus: 'incl. bonus', prIndicators: 'Indicators and points',
  prItems: 'Bonus, veto and protection items', prFigures: 'Figures and their sources', prPolicies: 'Differentiated policies that apply', prNoPolicies: 'No policies for this class.',
  prStreak: '{n} years in a row', prYear: 'Year', prTrendChart: 'Tax paid (10k yuan) and class over five years', prBadLink: 'The link is incomplete: it needs the run and the enterprise.',
  grp_above: 'Above size', grp_below: 'Below size', printList: 'Print the result list', printDossier: 'Print the enterprise file', evItems: 'Bonus and veto items',
  evPolicies: 'Policies that apply',
});
add('zh', { anyGroup: '全部分组' });
add('en', { anyGroup: 'Any group' });

// The work plan and its bulletin (plan.js, plan-print.js).
add('zh', {
  navPlan: '工作计划', planTitle: '工作计划与进展', planAsOf: '截至日期', planPrint: '打印进展通报', planSt_done: '按期完成', planSt_late: '逾期完成',
  planSt_overdue: '逾期未完成', planSt_open: '进行中', planStDesc_done: '截止日前完成', planStDesc_late: '截止日后才完成', planStDesc_overdue: '已过截止日仍未完成',
  planStDesc_open: '未完成，尚在期限内', planNoTasks: '{year} 年度尚无工作计划任务。', planDue: '截止 {date}', planCounts: '按期 {done}、逾期完成 {late}、逾期未完成 {overdue}、进行中 {open}（共 {total} 个集聚区）',
  planMapTask: '地图显示', planCity: '城市', planPlanned: '（{planned}/{tags} 处有方案）', planTasks: '{year} 年度任务与截止日期', planKind: '任务', planDueOn: '截止日期',
  planBasis: '依据', planAllCities: '各地', planCopy: '按 {from} 年度任务生成 {to} 年度任务', planSaved: '任务已保存', planCopied: '已生成 {n} 项任务',
  planKind_evaluation: '企业分类综合评价', planKind_low_eff_survey: '低效用地评估', planKind_disposal_plans: '低效用地处置方案', planKind_standard_land: '“标准地”出让试点',
  planBulletinTitle: '{year} 年度产业集聚区重点工作进展情况通报（截至 {date}）', planPart1: '一、总体情况', planPart2: '二、各地进展', planPart3: '三、逾期未完成事项',
  planOverall: '应完成 {total} 个城市，按期完成 {done} 个，逾期完成 {late} 个，逾期未完成 {overdue} 个，进行中 {open} 个', planNoneOverdue: '无逾期未完成事项。',
  planBulletinNote: '完成情况由系统根据已发布的评价结果、低效用地调查和处置方案、“标准地”公告等数据自动生成。', planBadLink: '链接不完整：缺少年度或截至日期。',
});
add('en', {
  navPlan: 'Work plan', planTitle: 'Work plan and progress', planAsOf: 'As of', planPrint: 'Print the bulletin', planSt_done: 'Done', planSt_late: 'Done late',
  planSt_overdue: 'Overdue', planSt_open: 'In time', planStDesc_done: 'done by the deadline', planStDesc_late: 'done after the deadline', planStDesc_overdue: 'not done, deadline passed',
  planStDesc_open: 'not done, still in time', planNoTasks: 'No tasks in the {year} plan.', planDue: 'due {date}',
  planCounts: '{done} done, {late} late, {overdue} overdue, {open} in time (of {total} clusters)', planMapTask: 'Map shows', planCity: 'City',
  planPlanned: ' ({planned}/{tags} planned)', planTasks: 'Tasks of {year} and their deadlines', planKind: 'Task', planDueOn: 'Due', planBasis: 'Basis',
  planAllCities: 'every city', planCopy: 'Make {to}\'s tasks from {from}\'s', planSaved: 'Task saved', planCopied: '{n} tasks made',
  planKind_evaluation: 'Enterprise evaluation', planKind_low_eff_survey: 'Low-efficiency survey', planKind_disposal_plans: 'Disposal plans', planKind_standard_land: 'Standard-land pilot',
  planBulletinTitle: 'Progress of the {year} cluster work plan (as of {date})', planPart1: '1. Overall', planPart2: '2. Each city', planPart3: '3. Overdue',
  planOverall: '{total} cities: {done} done, {late} done late, {overdue} overdue, {open} in time', planNoneOverdue: 'Nothing overdue.',
  planBulletinNote: 'Computed from the data: published evaluations, low-efficiency surveys and disposal plans, standard-land announcements.',
  planBadLink: 'The link is incomplete: it needs the year and the date.',
});

// 新型产业用地 (M0): the offering form, the public legend.
add('zh', { m0Conditions: '新型产业用地（M0）条件', m0Supporting: '配套用房占地上建筑面积', m0Divisible: '可分割转让', m0Sellable: '可转让建筑面积比例',
  m0NotDivisible: '不得分割转让', legendStandard: '工业“标准地”', legendM0: '新型产业用地（M0）' });
add('en', { m0Conditions: 'New-type industrial land (M0) conditions', m0Supporting: 'Supporting floor space of above-ground floor area', m0Divisible: 'May be divided and transferred',
  m0Sellable: 'Transferable share of floor area', m0NotDivisible: 'no dividing', legendStandard: 'Industrial standard land', legendM0: 'New-type industrial land (M0)' });
add('zh', { repTitle: '产业集聚区亩均效益评价结果公开', repRank: '名次', repCity: '所在城市', repNone: '尚未公开任何年度的评价结果。', repLink: '评价结果公开',
  repPublish: '公开本年度评价结果', repWithdraw: '撤回公开', repOpen: '查看公开页面', repPublished: '{year} 年度评价结果已公开', repWithdrawn: '{year} 年度评价结果已撤回' });
add('en', { repTitle: 'Land-use efficiency of the industrial clusters: public results', repRank: 'Rank', repCity: 'City', repNone: 'No year has been published yet.',
  repLink: 'Public results', repPublish: 'Publish this year\'s results', repWithdraw: 'Withdraw', repOpen: 'Open the public page', repPublished: '{year} results published', repWithdrawn: '{year} results withdrawn' });

// The clusters' assessment (assessment.js).
add('zh', { navAssess: '集聚区考核', asTitle: '产业集聚区年度考核评价', asIndicators: '考核指标及计算方法', asUnit: '单位', asHow: '来源与算法', asComputed: '由系统数据计算',
  asEntered: '填报', asMethod: '考核办法', asRun: '开始考核', asSource: '数据来源', asSourceHint: '如 市统计局', asEnter: '填报指标', asRuns: '考核记录', asNoRuns: '尚无考核记录',
  asDone: '已完成第 {id} 次考核（草稿）', asProvinceRank: '全省名次', asCityRank: '全市名次', asGrade: '等级', asMissing: '缺数据（记 0 分）', asPublished: '考核结果已发布' });
add('en', { navAssess: 'Cluster assessment', asTitle: 'Yearly assessment of the industrial clusters', asIndicators: 'Indicators and how they are computed', asUnit: 'Unit',
  asHow: 'Source and formula', asComputed: 'Computed from the data', asEntered: 'Entered', asMethod: 'Method', asRun: 'Assess', asSource: 'Source', asSourceHint: 'e.g. city statistics bureau',
  asEnter: 'Enter the figure', asRuns: 'Assessments', asNoRuns: 'No assessment yet', asDone: 'Assessment #{id} made (draft)', asProvinceRank: 'Province rank', asCityRank: 'City rank',
  asGrade: 'Grade', asMissing: 'missing (scores 0)', asPublished: 'The assessment is published' });
add('zh', { asFileTitle: '{year} 年度{name}考核评价档案', asNotInRun: '此次考核不含该集聚区。', asPrint: '打印考核档案' });
add('en', { asFileTitle: '{year} assessment file: {name}', asNotInRun: 'This assessment does not include the cluster.', asPrint: 'Print the assessment file' });

// The import report's findings, by code (and variant), with the values each names: the catalogue the server's report
// files use too (findings.js).
for (const l of ['zh', 'en']) add(l, Object.fromEntries(Object.entries(FINDINGS[l].findings).map(([k, v]) => [`imp_${k}`, v])));

// The land an enterprise is evaluated on (the explanation): held and rented 亩.
add('zh', { landHeldRented: '自有 + 租用' });
add('en', { landHeldRented: 'held + rented' });

// The method editor's re-rank key: the score unless an indicator is picked.
add('zh', { mwRankScore: '综合得分' });
add('en', { mwRankScore: 'Score' });

// A record's history in words (the low-efficiency tag's panel): the table a row is of, and what was done.
add('zh', {
  histEntity: { low_eff_tag: '低效用地标注', disposal_plan: '处置方案', disposal_step: '处置进展' },
  histOp: { insert: '新建', update: '修改', delete: '删除', propose: '规则筛查', import: '导入', evaluate: '评价', assess: '考核' },
});
add('en', {
  histEntity: { low_eff_tag: 'Low-efficiency tag', disposal_plan: 'Disposal plan', disposal_step: 'Disposal step' },
  histOp: { insert: 'created', update: 'changed', delete: 'deleted', propose: 'rules run', import: 'imported', evaluate: 'evaluation', assess: 'assessment' },
});

// The audit log: actions, the things they act on and outcomes in words (admin.js), never their codes.
add('zh', {
  auditAct: { 'assessment': { 'figure': '录入考核数据', 'method-version': '保存考核办法版本', 'publish': '发布考核结果', 'run': '运行考核' }, 'audit': { 'export': '导出审计日志' }, 'city': { 'create': '新建城市' }, 'cluster': { 'boundary-file': '上传集聚区边界文件', 'create': '新建集聚区', 'standards': '修改集聚区控制标准', 'update': '修改集聚区' }, 'enterprise': { 'create': '新建企业', 'import': '导入企业名录', 'import-check': '企业名录试运行', 'update': '修改企业' }, 'evaluation': { 'discard': '废弃评价', 'method-create': '新建评价办法', 'method-version': '保存评价办法版本', 'method-version-change': '变更评价办法版本状态', 'policy-create': '新建差别化政策', 'policy-update': '修改差别化政策', 'publish': '发布评价结果', 'run': '运行评价', 'verify': '复核评价' }, 'export': { 'evaluation': '导出评价结果', 'low-efficiency': '导出低效用地', 'parcels': '导出宗地', 'policies': '导出差别化政策' }, 'import': { 'check': '宗地导入试运行', 'commit': '提交宗地导入', 'upload': '上传宗地文件' }, 'indicators': { 'import': '导入企业指标', 'import-check': '企业指标试运行', 'update': '修改企业指标' }, 'figures': { 'import': '导入部门数据', 'import-check': '部门数据试运行' }, 'land': { 'use-rule': '修改用地规则' }, 'low-efficiency': { 'accept': '采纳低效用地认定', 'decision': '低效用地处置决定', 'dismiss': '驳回低效用地认定', 'evidence': '上传低效用地佐证', 'pause': '暂停认定', 'pause-withdraw': '撤回暂停', 'plan': '新建处置方案', 'plan-update': '修改处置方案', 'rules-run': '运行认定规则', 'step': '记录处置进展', 'step-update': '修改处置进展', 'tag': '标注低效用地', 'tag-clear': '解除低效用地标注', 'tag-update': '修改低效用地标注', 'thresholds': '修改认定阈值' }, 'parcel': { 'create': '新建宗地', 'merge': '合并宗地', 'retire': '注销宗地', 'split': '分割宗地', 'update': '修改宗地' }, 'park': { 'create': '新建园区', 'update': '修改园区' }, 'plan': { 'copy': '复制工作计划', 'task-create': '新建计划任务', 'task-update': '修改计划任务' }, 'report': { 'publish': '发布公开报告' }, 'session': { 'sign-in': '登录', 'sign-out': '退出登录' }, 'standard-land': { 'create': '新建标准地', 'document': '上传标准地文件', 'transition': '标准地状态变更', 'update': '修改标准地' }, 'token': { 'create': '生成 API 令牌', 'revoke': '吊销 API 令牌', 'use': '使用 API 令牌' }, 'user': { 'create': '新建用户', 'password-change': '修改密码', 'password-reset': '重置密码', 'unlock': '解锁用户', 'update': '修改用户' }, 'access': { 'denied': '无权访问' } },
  auditRes: { 'parcels': '宗地', 'parcel': '宗地', 'imports': '宗地导入', 'import': '宗地导入', 'users': '用户', 'user': '用户', 'clusters': '集聚区', 'cluster': '集聚区', 'enterprises': '企业', 'standard-land': '标准地', 'low-efficiency': '低效用地', 'evaluation': '评价', 'tokens': 'API 令牌', 'token': 'API 令牌', 'cities': '城市', 'parks': '园区', 'plan': '工作计划', 'assessment': '考核', 'indicators': '企业指标', 'figures': '部门数据', 'indicator-imports': '指标导入', 'enterprise-imports': '企业名录导入', 'exports': '导出', 'boundary-files': '边界文件', 'land-use-rules': '用地规则', 'public-reports': '公开报告', 'session': '会话', 'roles': '角色', 'audit': '审计日志', 'standard-land-config': '标准地设置', 'figure-sources': '数据来源', 'search': '搜索', 'land-use-codes': '地类', 'park-kinds': '园区类型', 'config': '配置', 'public': '公开数据', 'ogcapi': 'OGC API 服务', 'tiles': '矢量瓦片', 'metrics': '运行指标', 'openapi': '接口说明' },
  auditOutcome: { ok: '成功', denied: '拒绝', failed: '失败' },
  auditGroup: { 'parcel': '宗地', 'import': '宗地导入', 'enterprise': '企业', 'indicators': '企业指标', 'evaluation': '评价', 'low-efficiency': '低效用地', 'standard-land': '标准地', 'cluster': '集聚区', 'plan': '工作计划', 'assessment': '考核', 'export': '导出', 'user': '用户', 'session': '登录与退出', 'token': 'API 令牌', 'access-denied': '无权访问' },
  auditAnyAction: '全部操作',
});
add('en', {
  auditAct: { 'assessment': { 'figure': 'Enter an assessment figure', 'method-version': 'Save an assessment method version', 'publish': 'Publish an assessment', 'run': 'Run an assessment' }, 'audit': { 'export': 'Export the audit log' }, 'city': { 'create': 'Create a city' }, 'cluster': { 'boundary-file': 'Upload a cluster boundary file', 'create': 'Create a cluster', 'standards': 'Change cluster standards', 'update': 'Change a cluster' }, 'enterprise': { 'create': 'Create an enterprise', 'import': 'Import an enterprise roster', 'import-check': 'Check an enterprise roster', 'update': 'Change an enterprise' }, 'evaluation': { 'discard': 'Discard an evaluation', 'method-create': 'Create an evaluation method', 'method-version': 'Save a method version', 'method-version-change': 'Change a method version', 'policy-create': 'Create a policy', 'policy-update': 'Change a policy', 'publish': 'Publish an evaluation', 'run': 'Run an evaluation', 'verify': 'Verify an evaluation' }, 'export': { 'evaluation': 'Export evaluation results', 'low-efficiency': 'Export low-efficiency land', 'parcels': 'Export parcels', 'policies': 'Export policies' }, 'import': { 'check': 'Check a parcel import', 'commit': 'Commit a parcel import', 'upload': 'Upload a parcel file' }, 'indicators': { 'import': 'Import enterprise figures', 'import-check': 'Check enterprise figures', 'update': 'Change enterprise figures' }, 'figures': { 'import': 'Import department figures', 'import-check': 'Check department figures' }, 'land': { 'use-rule': 'Change a land-use rule' }, 'low-efficiency': { 'accept': 'Accept a low-efficiency proposal', 'decision': 'Record a disposal decision', 'dismiss': 'Dismiss a proposal', 'evidence': 'Upload evidence', 'pause': 'Pause a finding', 'pause-withdraw': 'Withdraw a pause', 'plan': 'Create a disposal plan', 'plan-update': 'Change a disposal plan', 'rules-run': 'Run the finding rules', 'step': 'Record a disposal step', 'step-update': 'Change a disposal step', 'tag': 'Mark low-efficiency land', 'tag-clear': 'Clear a low-efficiency mark', 'tag-update': 'Change a low-efficiency mark', 'thresholds': 'Change the thresholds' }, 'parcel': { 'create': 'Create a parcel', 'merge': 'Merge parcels', 'retire': 'Retire a parcel', 'split': 'Split a parcel', 'update': 'Change a parcel' }, 'park': { 'create': 'Create a park', 'update': 'Change a park' }, 'plan': { 'copy': 'Copy the work plan', 'task-create': 'Create a plan task', 'task-update': 'Change a plan task' }, 'report': { 'publish': 'Publish a public report' }, 'session': { 'sign-in': 'Sign in', 'sign-out': 'Sign out' }, 'standard-land': { 'create': 'Create a standard-land offering', 'document': 'Upload an offering document', 'transition': 'Move an offering on', 'update': 'Change an offering' }, 'token': { 'create': 'Create an API token', 'revoke': 'Revoke an API token', 'use': 'Use an API token' }, 'user': { 'create': 'Create a user', 'password-change': 'Change a password', 'password-reset': 'Reset a password', 'unlock': 'Unlock a user', 'update': 'Change a user' }, 'access': { 'denied': 'Access denied' } },
  auditRes: { 'parcels': 'Parcels', 'parcel': 'Parcel', 'imports': 'Parcel import', 'import': 'Parcel import', 'users': 'User', 'user': 'User', 'clusters': 'Cluster', 'cluster': 'Cluster', 'enterprises': 'Enterprise', 'standard-land': 'Standard land', 'low-efficiency': 'Low-efficiency land', 'evaluation': 'Evaluation', 'tokens': 'API token', 'token': 'API token', 'cities': 'City', 'parks': 'Park', 'plan': 'Work plan', 'assessment': 'Assessment', 'indicators': 'Enterprise figures', 'figures': 'Department figures', 'indicator-imports': 'Figures import', 'enterprise-imports': 'Roster import', 'exports': 'Export', 'boundary-files': 'Boundary file', 'land-use-rules': 'Land-use rule', 'public-reports': 'Public report', 'session': 'Session', 'roles': 'Roles', 'audit': 'Audit log', 'standard-land-config': 'Standard-land settings', 'figure-sources': 'Figure sources', 'search': 'Search', 'land-use-codes': 'Land-use codes', 'park-kinds': 'Park kinds', 'config': 'Configuration', 'public': 'Public data', 'ogcapi': 'OGC API', 'tiles': 'Vector tiles', 'metrics': 'Metrics', 'openapi': 'API description' },
  auditOutcome: { ok: 'ok', denied: 'denied', failed: 'failed' },
  auditGroup: { 'parcel': 'Parcels', 'import': 'Parcel imports', 'enterprise': 'Enterprises', 'indicators': 'Enterprise figures', 'evaluation': 'Evaluation', 'low-efficiency': 'Low-efficiency land', 'standard-land': 'Standard land', 'cluster': 'Clusters', 'plan': 'Work plan', 'assessment': 'Assessment', 'export': 'Exports', 'user': 'Users', 'session': 'Sign-in and sign-out', 'token': 'API tokens', 'access-denied': 'Access denied' },
  auditAnyAction: 'All actions',
});

// Role grants, picked (admin.js grantRows).
add('zh', {
  roleName: { viewer: '查看', resources: '自然资源（宗地登记）', park: '园区管理', coordinator: '协调（数据与评价）', admin: '系统管理员' },
  grantScope: '范围', wholeProvince: '全省', addGrant: '添加角色', removeGrant: '删除该角色',
});
add('en', {
  roleName: { viewer: 'Viewer', resources: 'Natural resources (register)', park: 'Park manager', coordinator: 'Coordinator (figures, evaluation)', admin: 'Administrator' },
  grantScope: 'Scope', wholeProvince: 'Whole province', addGrant: 'Add a role', removeGrant: 'Remove this role',
});

// The search box's counts (app.js search).
add('zh', { searchShown: '共 {total} 条，显示前 {shown} 条；请输入更多字符缩小范围', searchOver1000: '1000 多' });
add('en', { searchShown: 'Showing {shown} of {total}; type more to narrow the search', searchOver1000: 'over 1,000' });
add('zh', { asOfBeforeRegister: '登记簿自 {since} 起才有记录，{date} 时还没有宗地；已显示 {since} 的宗地。' });
add('en', { asOfBeforeRegister: 'The register begins on {since}; there were no parcels on {date}. Showing {since}.' });
add('zh', { holderHint: '输入企业名称或统一社会信用代码，从列表中选择', holderPick: '请从列表中选择企业（或清空表示无权利人）' });
add('en', { holderHint: 'Type an enterprise name or credit code, pick from the list', holderPick: 'Pick the enterprise from the list (or leave empty for none)' });
// The rules' proposals (loweff.js): paged, filtered, and a word after each decision.
add('zh', { proposalFilter: '按宗地代码或企业筛选', proposalCount: '共 {n} 条 · 第 {page}/{pages} 页', previousPage: '上一页', nextPage: '下一页',
  proposalAccepted: '已采纳：宗地 {code} 标注为低效用地', proposalDismissed: '已驳回：宗地 {code} 的建议', noProposals: '没有待处理的建议' });
add('en', { proposalFilter: 'Filter by 宗地代码 or enterprise', proposalCount: '{n} in all · page {page} of {pages}', previousPage: 'Previous', nextPage: 'Next',
  proposalAccepted: 'Accepted: parcel {code} is marked as low-efficiency land', proposalDismissed: 'Dismissed: the proposal for parcel {code}', noProposals: 'No open proposals' });
add('zh', { conflictReapplied: '该宗地在您编辑时已被 {by} 修改（现为第 {version} 版）。已载入最新版本，并保留您的修改，请核对后再保存。' });
add('en', { conflictReapplied: '{by} changed this parcel while you were editing (it is version {version} now). The latest version is loaded with your changes on it: check and save again.' });
add('zh', { northLetter: '北', northTitle: '指北针：地图上方为正北' });
add('en', { northLetter: 'N', northTitle: 'North arrow: north is up' });
// Merging parcels (app.js): whose attributes the merged parcel keeps.
add('zh', { mergeKeep: '合并后保留哪一宗的属性（权利人、地类、日期等）与宗地代码', mergeKeepNote: '其余宗地的属性保留在其注销前的历史版本中', noHolder: '无权利人' });
add('en', { mergeKeep: 'Whose attributes (holder, land use, dates, …) and parcel code the merged parcel keeps', mergeKeepNote: 'The others\' attributes stay in their history, as they were before retiring', noHolder: 'No holder' });
// "Locate me" and the phone layout (map.js, app.js).
add('zh', { locateMe: '定位到我的位置', locateUnavailable: '此浏览器不能定位', locateDenied: '未获准使用位置：请在浏览器设置中允许本网站定位',
  locateFailed: '暂时无法取得位置，请到开阔处再试', menu: '菜单', takePhoto: '拍照上传', photoUploaded: '照片已上传' });
add('en', { locateMe: 'Show my location', locateUnavailable: 'This browser cannot tell its location', locateDenied: 'Location not allowed: allow this site to use your location in the browser settings',
  locateFailed: 'No position just now; try again in the open', menu: 'Menu', takePhoto: 'Take a photo', photoUploaded: 'Photo uploaded' });
// Base maps (map.js): 天地图 with its label layers, a configured XYZ source, and the offline background of Henan.
add('zh', { basemapVector: '天地图 矢量', basemapImagery: '天地图 影像', basemapCustom: '在线底图', basemapOffline: '河南离线底图',
  tiandituAttribution: '© 天地图（国家地理信息公共服务平台）' });
add('en', { basemapVector: 'Tianditu map', basemapImagery: 'Tianditu imagery', basemapCustom: 'Online base map', basemapOffline: 'Henan (offline)',
  tiandituAttribution: '© Tianditu (National Platform for Common GeoSpatial Information Services)' });
