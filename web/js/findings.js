// The import report's words in both languages: its column headings, a feature's result and action, and each finding
// by code (and variant, ImportSql.findings) with the values it names. One catalogue for the import wizard (i18n.js)
// and for the report files the server writes (mujun.importing.ImportReport reads this file from its jar): what stands
// between the first and the last brace is JSON.
export default {
 "zh": {
  "header": [
   "要素序号",
   "结果",
   "操作",
   "宗地代码",
   "集聚区",
   "面积（平方米）",
   "面积（亩）",
   "申报面积（平方米）",
   "问题",
   "修复",
   "提示"
  ],
  "status": {
   "accepted": "通过",
   "repaired": "已修复",
   "rejected": "拒绝"
  },
  "action": {
   "new": "新增",
   "update": "更新"
  },
  "findings": {
   "GEOMETRY_EMPTY": "该要素没有图形。",
   "GEOMETRY_EMPTY_after": "去除退化部分后，图形已无剩余。",
   "GEOMETRY_TYPE": "{type} 不是宗地边界（需要面或闭合线）。",
   "MADE_VALID": "图形无效，已自动修复：{reason}",
   "DROPPED_PARTS": "已去除 {parts} 个小于 0.01 平方米的退化部分。",
   "OUTSIDE_HENAN": "图形位于河南省以外（东经 {lon}，北纬 {lat}）：请检查坐标系。",
   "CODE_MISSING": "缺少宗地代码：请对应存放宗地代码的字段。",
   "CODE_SHORTENED": "给出的是28位不动产单元代码，已取其前19位作为宗地代码。",
   "CODE_INVALID": "宗地代码 {value} 格式不正确：应为19位（12位数字、G/J/Z、1个字母、5位数字）。",
   "CODE_DUPLICATE": "宗地代码 {value} 在文件中出现 {times} 次（要素 {fids}）。",
   "OUTSIDE_CLUSTER": "图形不在任何集聚区内。",
   "OUTSIDE_CLUSTER_area": "有 {areaM2} 平方米位于集聚区边界以外。",
   "OUT_OF_SCOPE_cluster": "您无权修改该集聚区的宗地。",
   "OUT_OF_SCOPE_parcel": "该宗地代码属于您无权修改的集聚区的现状宗地。",
   "OVERLAP_IN_FILE": "与本文件第 {otherFid} 个要素重叠 {areaM2} 平方米。",
   "OVERLAP_IN_FILE_code": "与本文件第 {otherFid} 个要素（{otherCode}）重叠 {areaM2} 平方米。",
   "OVERLAP": "与现状宗地 {otherCode} 重叠 {areaM2} 平方米。",
   "OVERLAP_hidden": "与其他集聚区的一宗现状宗地重叠 {areaM2} 平方米。",
   "LAND_USE_UNKNOWN": "地类编码 {value} 不在“{scheme}”中。",
   "LAND_USE_UNKNOWN_none": "缺少地类编码：请对应字段或选择默认地类。",
   "RIGHT_TYPE_UNKNOWN": "权利性质“{value}”不是出让、划拨或租赁，已留空。",
   "HOLDER_UNKNOWN": "权利人“{value}”不是已登记的企业，宗地暂不关联权利人。",
   "AREA_MISMATCH": "申报面积 {declaredM2} 平方米与计算面积 {computedM2} 平方米相差 {pct}%。",
   "MOJIBAKE": "有 {count} 个属性值疑似乱码（如“{example}”）：文件的文字编码可能不是 {encoding}，请改用 {suggest}。"
  }
 },
 "en": {
  "header": [
   "Feature",
   "Result",
   "Action",
   "宗地代码 (parcel code)",
   "Cluster",
   "Area (m²)",
   "Area (mu)",
   "Declared area (m²)",
   "Problems",
   "Repairs",
   "Warnings"
  ],
  "status": {
   "accepted": "accepted",
   "repaired": "repaired",
   "rejected": "rejected"
  },
  "action": {
   "new": "new",
   "update": "update"
  },
  "findings": {
   "GEOMETRY_EMPTY": "The feature has no geometry.",
   "GEOMETRY_EMPTY_after": "Nothing of the outline is left after removing degenerate parts.",
   "GEOMETRY_TYPE": "A {type} is not a parcel outline (needs a polygon or a closed line).",
   "MADE_VALID": "Invalid outline repaired: {reason}",
   "DROPPED_PARTS": "{parts} degenerate part(s) under 0.01 m² dropped.",
   "OUTSIDE_HENAN": "The outline lies outside Henan ({lon} E, {lat} N): check the coordinate system.",
   "CODE_MISSING": "No 宗地代码: map the field that holds it.",
   "CODE_SHORTENED": "A 28-character 不动产单元代码 was given; its first 19 characters are the 宗地代码.",
   "CODE_INVALID": "宗地代码 {value} is malformed: 19 characters, 12 digits, G/J/Z, a letter, 5 digits.",
   "CODE_DUPLICATE": "宗地代码 {value} appears {times} times in the file (features {fids}).",
   "OUTSIDE_CLUSTER": "The outline is not inside any cluster.",
   "OUTSIDE_CLUSTER_area": "{areaM2} m² lie outside the cluster boundary.",
   "OUT_OF_SCOPE_cluster": "You may not change parcels of this cluster.",
   "OUT_OF_SCOPE_parcel": "This 宗地代码 belongs to a current parcel of a cluster you may not change.",
   "OVERLAP_IN_FILE": "Overlaps feature {otherFid} of the same file by {areaM2} m².",
   "OVERLAP_IN_FILE_code": "Overlaps feature {otherFid} ({otherCode}) of the same file by {areaM2} m².",
   "OVERLAP": "Overlaps current parcel {otherCode} by {areaM2} m².",
   "OVERLAP_hidden": "Overlaps a current parcel of another cluster by {areaM2} m².",
   "LAND_USE_UNKNOWN": "Land-use code {value} is not in {scheme}.",
   "LAND_USE_UNKNOWN_none": "No land-use code: map the field or choose a default.",
   "RIGHT_TYPE_UNKNOWN": "Right type {value} is not 出让, 划拨 or 租赁; it is left empty.",
   "HOLDER_UNKNOWN": "Right holder {value} is not a known enterprise; the parcel is kept without holder.",
   "AREA_MISMATCH": "Declared area {declaredM2} m² differs from the computed {computedM2} m² by {pct} %.",
   "MOJIBAKE": "{count} attribute value(s) look garbled (e.g. '{example}'): the file's text encoding is probably not {encoding}; try {suggest}."
  }
 }
};
