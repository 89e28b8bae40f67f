package mujun.standardland;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mujun.db.Replicas;
import mujun.db.Named;
import mujun.files.FileStore;

/** Reads of what anyone may see of standard land: announced offerings, through the one public projection of {@link LandSql}. */
final class PublicLandRepository {
  /** The public's reads go to a hot standby when there is one. */
  private final Replicas db;

  PublicLandRepository(Replicas db) {
    this.db = db;
  }

  /** The public map's filters, each null when not asked for; bbox null or minLon, minLat, maxLon, maxLat. */
  record Filter(String city, Integer cluster, Double minMu, Double maxMu, String landUse, String industry, Double minPrice,
                Double maxPrice, double[] bbox, int limit) {}

  /** Streams the matching offerings as a GeoJSON FeatureCollection. */
  void list(Filter f, java.io.OutputStream out) {
    double[] b = f.bbox();
    db.read(null, c -> {
      try (PreparedStatement ps = LandSql.PUBLIC_LIST.prepare(c, Named.values("city", f.city(), "cluster", f.cluster(),
          "minMu", f.minMu(), "maxMu", f.maxMu(), "landUse", f.landUse(), "industry", f.industry(),
          "minPrice", f.minPrice() == null ? null : BigDecimal.valueOf(f.minPrice()), "maxPrice", f.maxPrice() == null ? null : BigDecimal.valueOf(f.maxPrice()),
          "x0", b == null ? null : b[0], "y0", b == null ? null : b[1], "x1", b == null ? null : b[2], "y1", b == null ? null : b[3], "limit", f.limit()));
           ResultSet rs = ps.executeQuery()) {
        mujun.http.FeatureStream.write(rs, out);
      }
      return null;
    });
  }

  /** An announced offering as a GeoJSON Feature with its public documents, or empty. */
  Optional<String> one(long id) {
    return db.read(null, c -> {
      String feature;
      try (PreparedStatement ps = c.prepareStatement(LandSql.PUBLIC_ONE)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          feature = rs.getString(1);
        }
      }
      String docs = LandRepository.documents(c, id, true);
      return Optional.of(feature.substring(0, feature.length() - 1) + ",\"documents\":" + docs + "}");
    });
  }

  /** A public document of an announced offering, or empty. */
  Optional<FileStore.Content> document(long id, long fileId) {
    return db.read(null, c -> {
      try (PreparedStatement ps = c.prepareStatement(LandSql.IS_PUBLIC)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
        }
      }
      return FileStore.read(c, LandRepository.OWNER, id, fileId, true);
    });
  }

  /** An offering as the feeds show it. */
  record Entry(long id, String plotNo, String name, String location, String cluster, String city, BigDecimal mu, BigDecimal price,
               java.sql.Date announced, java.sql.Date ends, java.sql.Timestamp updated, String landUse, String industries) {}

  /** The newest announced offerings, for the feeds. */
  List<Entry> feed() {
    return db.read(null, c -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(LandSql.FEED); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBigDecimal(7),
              rs.getBigDecimal(8), rs.getDate(9), rs.getDate(10), rs.getTimestamp(11), rs.getString(12), String.join(" ", (String[]) rs.getArray(13).getArray())));
        }
      }
      return out;
    });
  }
}
