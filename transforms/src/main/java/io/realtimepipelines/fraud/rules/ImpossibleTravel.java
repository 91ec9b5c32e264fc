package io.realtimepipelines.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realtimepipelines.fraud.Enrichment;
import io.realtimepipelines.fraud.Finding;
import io.realtimepipelines.fraud.FraudRule;
import io.realtimepipelines.fraud.RuleStage;
import io.realtimepipelines.fraud.Texts;
import io.realtimepipelines.model.Transaction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code impossible_travel}: the card's previous located transaction is {@code >= minDistanceKm}
 * away (great-circle) at an implied speed {@code > maxSpeedKmh}. Remembers each card's last
 * location and its time.
 */
public final class ImpossibleTravel extends FraudRule<ImpossibleTravel.Memory> {
  private static final long serialVersionUID = 1L;
  private static final double EARTH_RADIUS_KM = 6371.0088;

  @JsonProperty private double maxSpeedKmh;
  @JsonProperty private double minDistanceKm;

  /** A card's last location. */
  public static final class Location {
    public long time;
    public double lat;
    public double lon;

    public Location(long time, double lat, double lon) {
      this.time = time;
      this.lat = lat;
      this.lon = lon;
    }
  }

  /** The last location per card id. */
  public static final class Memory {
    public final Map<String, Location> cards = new TreeMap<>();
  }

  @Override
  public RuleStage stage() {
    return RuleStage.ACCOUNT;
  }

  @Override
  public void onTransaction(Memory m, Transaction t, Enrichment e, List<Finding> out) {
    if (t.getCardId() == null || t.getLat() == null || t.getLon() == null) {
      return;
    }
    long now = t.getTimestamp().getMillis();
    Location last = m.cards.get(t.getCardId());
    if (last != null) {
      double km = distanceKm(last.lat, last.lon, t.getLat(), t.getLon());
      long dt = now - last.time;
      double speed = km / (Math.max(dt, 1) / 3_600_000.0);
      if (km >= minDistanceKm && speed > maxSpeedKmh) {
        out.add(
            finding(
                Math.round(km)
                    + " km from this card's previous transaction "
                    + Texts.duration(dt)
                    + " earlier: "
                    + Math.round(speed)
                    + " km/h; limit "
                    + Math.round(maxSpeedKmh)
                    + " km/h"));
      }
    }
    if (last == null) {
      m.cards.put(t.getCardId(), new Location(now, t.getLat(), t.getLon()));
    } else if (now >= last.time) {
      last.time = now;
      last.lat = t.getLat();
      last.lon = t.getLon();
    }
  }

  /** Great-circle distance (haversine, mean Earth radius) in km. */
  static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  @Override
  public Memory newMemory() {
    return new Memory();
  }

  @Override
  public void writeMemory(Memory m, DataOutputStream out) throws IOException {
    out.writeInt(m.cards.size());
    for (Map.Entry<String, Location> c : m.cards.entrySet()) {
      out.writeUTF(c.getKey());
      out.writeLong(c.getValue().time);
      out.writeDouble(c.getValue().lat);
      out.writeDouble(c.getValue().lon);
    }
  }

  @Override
  public Memory readMemory(DataInputStream in) throws IOException {
    Memory m = new Memory();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      m.cards.put(in.readUTF(), new Location(in.readLong(), in.readDouble(), in.readDouble()));
    }
    return m;
  }
}
