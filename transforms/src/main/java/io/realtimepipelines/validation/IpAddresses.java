package io.realtimepipelines.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Checks IP address literals without ever resolving a host name. */
final class IpAddresses {
  private IpAddresses() {}

  static boolean isValid(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return false;
    }
    return s.indexOf(':') >= 0 ? isIpv6(s) : isIpv4(s);
  }

  static boolean isIpv4(String s) {
    int parts = 0;
    int i = 0;
    int n = s.length();
    while (i <= n) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) != '.') {
        char c = s.charAt(i);
        if (c < '0' || c > '9' || i - start >= 3) {
          return false;
        }
        value = value * 10 + (c - '0');
        i++;
      }
      int len = i - start;
      if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
        return false;
      }
      parts++;
      i++;
    }
    return parts == 4;
  }

  private static boolean isIpv6(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == ':'
              || c == '.';
      if (!ok) {
        return false; // also rejects zone ids and brackets
      }
    }
    try {
      // A literal containing ':' is parsed, never looked up.
      return InetAddress.getByName(s) != null;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }
}
