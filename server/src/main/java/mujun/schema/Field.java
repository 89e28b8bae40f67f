package mujun.schema;

import java.util.EnumSet;
import java.util.Set;

/**
 * One field of a feature, described once: its API name, its column (or the SQL expression that reads it, with {@code @}
 * standing for the table's alias), its type, and where it appears. The engines in {@link Fields} build from it the SQL
 * that reads and writes it, the JSON Schemas (OGC API schema and queryables, OpenAPI) and the validation of writes. Its
 * description is the column's {@code COMMENT ON} in the database, read at start ({@link Catalog}).
 *
 * @param exportName the column name in exported files (at most 10 characters, for Shapefile DBF), or null if not exported
 * @param tileZoom the zoom from which the field is in vector tiles, or -1 if never
 * @param emptyValue the value a JSON null is stored as (for NOT NULL columns with a neutral value), or null
 */
public record Field(String name, String column, FieldType type, String read, Set<Use> uses, String exportName, int tileZoom,
                    Object emptyValue) {

  /** Where a field appears. */
  public enum Use {
    /** A client may set it (app API and OGC API – Features Part 4). */
    WRITE,
    /** Required when a record is created. */
    REQUIRED,
    /** Kept when a parcel is split or merged (the pieces inherit it). */
    COPY,
    /** In OGC API – Features items, queryables and schema. */
    OGC,
    /** In the app API's full record. */
    DETAIL
  }

  public Field {
    if (exportName != null && exportName.length() > 10) throw new IllegalArgumentException("export name over 10 characters: " + exportName);
    uses = Set.copyOf(uses);
  }

  /** A stored column, read as it is, in the app API and OGC API, neither written nor exported. */
  public static Field of(String name, String column, FieldType type) {
    return new Field(name, column, type, null, EnumSet.of(Use.OGC, Use.DETAIL), null, -1, null);
  }

  /** A value computed by SQL ({@code @} is the table's alias), read only. */
  public static Field computed(String name, String column, FieldType type, String read) {
    return new Field(name, column, type, read, EnumSet.of(Use.OGC, Use.DETAIL), null, -1, null);
  }

  public Field with(Use... more) {
    EnumSet<Use> u = uses.isEmpty() ? EnumSet.noneOf(Use.class) : EnumSet.copyOf(uses);
    for (Use x : more) u.add(x);
    return new Field(name, column, type, read, u, exportName, tileZoom, emptyValue);
  }

  public Field without(Use... less) {
    EnumSet<Use> u = uses.isEmpty() ? EnumSet.noneOf(Use.class) : EnumSet.copyOf(uses);
    for (Use x : less) u.remove(x);
    return new Field(name, column, type, read, u, exportName, tileZoom, emptyValue);
  }

  /** Written by clients and kept on split and merge. */
  public Field written() {
    return with(Use.WRITE, Use.COPY);
  }

  public Field export(String as) {
    return new Field(name, column, type, read, uses, as, tileZoom, emptyValue);
  }

  public Field tiles(int fromZoom) {
    return new Field(name, column, type, read, uses, exportName, fromZoom, emptyValue);
  }

  public Field emptyAs(Object value) {
    return new Field(name, column, type, read, uses, exportName, tileZoom, value);
  }

  public boolean has(Use u) {
    return uses.contains(u);
  }

  /** The SQL that reads the field from a row of alias {@code alias}. */
  public String sql(String alias) {
    return read == null ? alias + "." + column : read.replace("@.", alias + ".");
  }
}
