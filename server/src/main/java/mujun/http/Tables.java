package mujun.http;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes a table (header and rows) as a CSV download (UTF-8 with BOM, for Excel) or an XLSX workbook. */
public final class Tables {
  private Tables() {}

  /** A CSV download: UTF-8 with a BOM (so spreadsheet programs read Chinese), every data cell quoted, CRLF. */
  public static void csv(Context ctx, String fileName, String[] header, List<Object[]> rows) throws IOException {
    ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    writeCsv(ctx.outputStream(), header, rows);
  }

  /** Writes a CSV table to {@code out} (see {@link #csv}); text a spreadsheet would run as a formula gets a leading apostrophe. */
  public static void writeCsv(OutputStream out, String[] header, Iterable<Object[]> rows) throws IOException {
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    w.write(CSVFormat.RFC4180.format((Object[]) header) + "\r\n"); // the header quoted only where it must be
    try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get())) {
      for (Object[] r : rows) {
        Object[] cells = new Object[r.length];
        for (int i = 0; i < r.length; i++) cells[i] = cell(r[i]);
        p.printRecord(cells);
      }
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

  /** A cell's text; text that a spreadsheet would run as a formula is prefixed with an apostrophe (numbers stay numbers). */
  private static String cell(Object v) {
    if (v == null) return "";
    String s = v.toString();
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number) ? "'" + s : s;
  }
}
