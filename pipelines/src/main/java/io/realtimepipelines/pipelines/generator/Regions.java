package io.realtimepipelines.pipelines.generator;

/**
 * Home regions of accounts: a city with its country, coordinates, currency and the first octets of
 * the IPv4 blocks its residential addresses come from. Mostly US, as is the traffic.
 */
final class Regions {
  /** One region. */
  static final class City {
    /** ISO 3166 alpha-2 country. */
    final String country;

    /** Latitude, degrees. */
    final double lat;

    /** Longitude, degrees. */
    final double lon;

    /** ISO 4217 currency used locally. */
    final String currency;

    /** Local units per US dollar. */
    final double perUsd;

    /** Decimal places of the currency. */
    final int decimals;

    /** First octets of local residential IPv4 blocks. */
    final int[] octets;

    /** Relative share of accounts living here. */
    final int weight;

    City(
        String country,
        double lat,
        double lon,
        String currency,
        double perUsd,
        int decimals,
        int[] octets,
        int weight) {
      this.country = country;
      this.lat = lat;
      this.lon = lon;
      this.currency = currency;
      this.perUsd = perUsd;
      this.decimals = decimals;
      this.octets = octets;
      this.weight = weight;
    }
  }

  static final City[] CITIES = {
    new City("US", 40.71, -74.01, "USD", 1, 2, new int[] {24, 67, 98}, 14),
    new City("US", 34.05, -118.24, "USD", 1, 2, new int[] {47, 76, 99}, 12),
    new City("US", 41.88, -87.63, "USD", 1, 2, new int[] {50, 71, 108}, 9),
    new City("US", 29.76, -95.37, "USD", 1, 2, new int[] {66, 70, 104}, 8),
    new City("US", 47.61, -122.33, "USD", 1, 2, new int[] {73, 97, 174}, 6),
    new City("US", 25.76, -80.19, "USD", 1, 2, new int[] {68, 96, 173}, 6),
    new City("CA", 43.65, -79.38, "CAD", 1.36, 2, new int[] {69, 142}, 6),
    new City("GB", 51.51, -0.13, "GBP", 0.79, 2, new int[] {81, 86}, 7),
    new City("DE", 52.52, 13.40, "EUR", 0.92, 2, new int[] {79, 87}, 6),
    new City("FR", 48.86, 2.35, "EUR", 0.92, 2, new int[] {82, 90}, 5),
    new City("ES", 40.42, -3.70, "EUR", 0.92, 2, new int[] {83, 88}, 3),
    new City("JP", 35.68, 139.69, "JPY", 150, 0, new int[] {126, 153}, 6),
    new City("AU", -33.87, 151.21, "AUD", 1.52, 2, new int[] {101, 110}, 3),
    new City("BR", -23.55, -46.63, "BRL", 5.0, 2, new int[] {177, 189}, 4),
    new City("IN", 19.08, 72.88, "INR", 83, 2, new int[] {117, 106}, 5),
  };

  /** First octets of hosting ranges, used by fraudsters and never by ordinary traffic. */
  static final int[] HOSTING_OCTETS = {5, 45, 185, 193};

  private static final int[] CUMULATIVE_WEIGHT = new int[CITIES.length];

  static {
    int sum = 0;
    for (int i = 0; i < CITIES.length; i++) {
      sum += CITIES[i].weight;
      CUMULATIVE_WEIGHT[i] = sum;
    }
  }

  private Regions() {}

  /** A city index picked by weight with {@code bits}. */
  static int pick(long bits) {
    int r = Mix.below(bits, CUMULATIVE_WEIGHT[CUMULATIVE_WEIGHT.length - 1]);
    for (int i = 0; i < CUMULATIVE_WEIGHT.length; i++) {
      if (r < CUMULATIVE_WEIGHT[i]) {
        return i;
      }
    }
    return CITIES.length - 1;
  }

  /** Great-circle distance in kilometres. */
  static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * 6371.0 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /** Appends an IPv4 address with first octet {@code first} and the rest from {@code bits}. */
  static StringBuilder appendIpv4(StringBuilder sb, int first, long bits) {
    return sb.append(first)
        .append('.')
        .append((bits >>> 8) & 0xFF)
        .append('.')
        .append((bits >>> 16) & 0xFF)
        .append('.')
        .append(1 + Mix.below(bits, 254));
  }
}
