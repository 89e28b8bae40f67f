package mujun.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes a table (header and rows) as a CSV download (UTF-8 with BOM, for Excel) or an XLSX workbook. */
public final class Tables {
  private Tables() {}

  public static void csv(Context ctx, String fileName, String[] header, List<Object[]> rows) throws IOException {
    ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    OutputStream out = ctx.outputStream();
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.write((String.join(",", header) + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (Object[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        if (i > 0) sb.append(',');
        sb.append(cell(r[i]));
      }
      out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  public static void xlsx(Context ctx, String fileName, String sheet, String[] header, List<Object[]> rows) throws IOException {
    ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    Workbook wb = new Workbook(ctx.outputStream(), "Mujun", "1.0");
    Worksheet ws = wb.newWorksheet(sheet);
    for (int c = 0; c < header.length; c++) ws.value(0, c, header[c]);
    ws.range(0, 0, 0, header.length - 1).style().bold().set();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        if (v == null) continue;
        if (v instanceof Number n) ws.value(r + 1, c, n);
        else ws.value(r + 1, c, v.toString());
      }
    }
    wb.finish();
  }

  /** A CSV cell: quoted; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
  public static String cell(Object v) {
    if (v == null) return "";
    String s = v.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) s = "'" + s;
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
