package mujun.importing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mujun.error.ApiError;
import mujun.http.Json;

/**
 * A table a department sends (CSV or XLSX), read as rows of text cells: CSV in UTF-8 (with or without BOM) or GBK
 * (Excel's CSV on Chinese Windows); XLSX through GDAL, out of process and under its time limit, rather than an
 * in-process reader, so that a hostile workbook (a zip bomb, XML entity tricks) can cost only that process. A workbook
 * with several sheets holding data is refused (which one is meant?); so is a header with a nameless column holding
 * data (merged header cells).
 */
public final class TableFile {
  private final Gdal gdal;
  private final Path work;
  private final long maxBytes;

  public TableFile(Gdal gdal, Path work, long maxBytes) {
    this.gdal = gdal;
    this.work = work;
    this.maxBytes = maxBytes;
  }

  /** The rows of the file (the first is the header), refused with a message a person can act on. */
  public List<List<String>> read(String fileName, byte[] bytes) {
    if (bytes.length > maxBytes) throw new ApiError(413, "TOO_LARGE", "The file is larger than " + maxBytes / 1024 / 1024 + " MB.");
    String lower = fileName == null ? "" : fileName.strip().toLowerCase();
    List<List<String>> table;
    if (lower.endsWith(".csv") || lower.endsWith(".txt")) table = csv(decode(bytes));
    else if (lower.endsWith(".xlsx")) table = xlsx(bytes);
    else throw ApiError.unprocessable("FILE_TYPE", "Upload the table as .xlsx or .csv.", Map.of("field", "name"));
    for (List<String> row : table) {
      for (String cell : row) {
        if (cell != null && cell.indexOf('\0') >= 0) {
          throw ApiError.unprocessable("FILE_UNREADABLE", "The file holds NUL characters, so it is not a text table: save it again as CSV UTF-8 or XLSX.",
              Map.of("field", "file"));
        }
      }
    }
    while (!table.isEmpty() && blank(table.get(0))) table = table.subList(1, table.size());
    if (table.isEmpty()) throw ApiError.unprocessable("FILE_EMPTY", "The file has no rows.", Map.of("field", "file"));
    List<String> head = table.get(0);
    for (int col = 0; col < head.size(); col++) {
      if (!head.get(col).replace("\uFEFF", "").isBlank()) continue;
      for (int r = 1; r < table.size(); r++) {
        List<String> row = table.get(r);
        if (col < row.size() && row.get(col) != null && !row.get(col).isBlank()) {
          throw ApiError.unprocessable("HEADER_MERGED", "Column " + (col + 1) + " has data but no name in the first row (merged header cells?): "
              + "give every column its own name in one header row.", Map.of("field", "file", "column", col + 1));
        }
      }
    }
    return table;
  }

  public static boolean blank(List<String> row) {
    return row.stream().allMatch(x -> x == null || x.isBlank());
  }

  /** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK. */
  public static String decode(byte[] b) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b)).toString().replace("\uFEFF", "");
    } catch (CharacterCodingException e) {
      return new String(b, Charset.forName("GBK"));
    }
  }

  /** RFC 4180 CSV (quoted fields with doubled quotes and line breaks, commas; CRLF or LF), read by Commons CSV. */
  public static List<List<String>> csv(String s) {
    List<List<String>> rows = new ArrayList<>();
    try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(s))) {
      for (org.apache.commons.csv.CSVRecord r : p) rows.add(r.toList());
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw ApiError.unprocessable("FILE_UNREADABLE", "The CSV file cannot be read (" + Json.clip(e.getMessage()) + "); save it again as CSV UTF-8.",
          Map.of("field", "file"));
    }
    return rows;
  }

  private List<List<String>> xlsx(byte[] bytes) {
    Path dir = null;
    try {
      Files.createDirectories(work);
      dir = Files.createTempDirectory(work, "table-");
      Path in = dir.resolve("in.xlsx");
      Files.write(in, bytes);
      Path out = dir.resolve("out");
      Gdal.Result r = gdal.run(List.of("ogr2ogr", "-f", "CSV", out.toString(), in.toString(), "-oo", "HEADERS=DISABLE", "-oo", "FIELD_TYPES=STRING"),
          Map.of(), dir);
      if (r.exit() != 0) throw ApiError.unprocessable("FILE_UNREADABLE", "The XLSX file cannot be read; save it again from Excel or use CSV.", Map.of("field", "file"));
      List<Path> sheets;
      try (var files = Files.list(out)) {
        sheets = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
      }
      List<List<List<String>>> withData = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Path sheet : sheets) {
        List<List<String>> t = csv(Files.readString(sheet, StandardCharsets.UTF_8));
        // GDAL names the columns Field1..FieldN in its own header line: drop it.
        t = t.isEmpty() ? t : t.subList(1, t.size());
        if (t.stream().anyMatch(row -> !blank(row))) {
          withData.add(t);
          names.add(sheet.getFileName().toString().replaceFirst("\\.csv$", ""));
        }
      }
      if (withData.isEmpty()) throw ApiError.unprocessable("FILE_EMPTY", "The workbook has no rows.", Map.of("field", "file"));
      if (withData.size() > 1) {
        throw ApiError.unprocessable("MANY_SHEETS", "The workbook has " + withData.size() + " sheets with data (" + String.join(", ", names)
            + "): keep only the one to import, or save that sheet as CSV.", Map.of("field", "file", "sheets", String.join(", ", names)));
      }
      return withData.get(0);
    } catch (IOException e) {
      throw ApiError.unprocessable("FILE_UNREADABLE", "The XLSX file cannot be read.", Map.of("field", "file"));
    } finally {
      if (dir != null) org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile()); // a leftover scratch folder under var/ is harmless
    }
  }
}
