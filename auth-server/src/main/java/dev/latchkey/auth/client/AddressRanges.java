package dev.latchkey.auth.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The address ranges the server never calls on a client's behalf (SSRF): anything that is
 * not a public unicast address. IPv6 forms that carry an IPv4 address (mapped,
 * compatible, NAT64, 6to4) are judged by that IPv4 address.
 */
final class AddressRanges {

	private static final List<Range> BLOCKED = List.of(range("0.0.0.0/8", "this-network"),
			range("10.0.0.0/8", "private"), range("100.64.0.0/10", "shared (CGNAT)"), range("127.0.0.0/8", "loopback"),
			range("169.254.169.254/32", "cloud metadata"), range("169.254.0.0/16", "link-local"),
			range("172.16.0.0/12", "private"), range("192.0.0.0/24", "IETF protocol assignments"),
			range("192.0.2.0/24", "documentation"), range("192.88.99.0/24", "6to4 relay"),
			range("192.168.0.0/16", "private"), range("198.18.0.0/15", "benchmarking"),
			range("198.51.100.0/24", "documentation"), range("203.0.113.0/24", "documentation"),
			range("224.0.0.0/4", "multicast"), range("240.0.0.0/4", "reserved"), range("::/128", "unspecified"),
			range("::1/128", "loopback"), range("fd00:ec2::254/128", "cloud metadata"),
			range("fc00::/7", "unique local (ULA)"), range("fe80::/10", "link-local"), range("fec0::/10", "site-local"),
			range("ff00::/8", "multicast"), range("100::/64", "discard"), range("2001::/32", "Teredo"),
			range("2001:db8::/32", "documentation"), range("2001:10::/28", "ORCHID"), range("2001:20::/28", "ORCHID"),
			range("3fff::/20", "documentation"), range("5f00::/16", "segment routing"));

	private AddressRanges() {
	}

	/**
	 * Why the server must not call this address, if it must not.
	 * @param address an address
	 * @return the blocked range's name, or {@code null} for a public address
	 */
	static @Nullable String blockedRange(InetAddress address) {
		InetAddress judged = embeddedIpv4(address);
		for (Range range : BLOCKED) {
			if (range.contains(judged)) {
				return range.name();
			}
		}
		return null;
	}

	/**
	 * The IPv4 address an IPv6 address stands for, or the address itself.
	 */
	static InetAddress embeddedIpv4(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] bytes = address.getAddress();
		if (prefixIs(bytes, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff })
				|| (prefixIs(bytes, new byte[12]) && !isZeroOrOne(bytes))
				|| prefixIs(bytes, new byte[] { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 })) {
			// IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64
			// 64:ff9b::a.b.c.d
			return ipv4(Arrays.copyOfRange(bytes, 12, 16));
		}
		if (bytes[0] == 0x20 && bytes[1] == 0x02) {
			// 6to4 2002:AABB:CCDD::/48 carries a.b.c.d
			return ipv4(Arrays.copyOfRange(bytes, 2, 6));
		}
		return address;
	}

	private static boolean isZeroOrOne(byte[] bytes) {
		for (int i = 12; i < 15; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[15] == 0 || bytes[15] == 1;
	}

	private static boolean prefixIs(byte[] bytes, byte[] prefix) {
		return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static InetAddress ipv4(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Range range(String cidr, String name) {
		return new Range(Cidr.parse(cidr), name);
	}

	private record Range(Cidr cidr, String name) {

		boolean contains(InetAddress address) {
			return this.cidr.contains(address);
		}

	}

	/**
	 * An address block in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare
	 * address is a block of one.
	 *
	 * @param network the network's address bytes
	 * @param prefixLength how many leading bits must match
	 */
	record Cidr(byte[] network, int prefixLength) {

		static Cidr parse(String text) {
			String trimmed = text.strip();
			int slash = trimmed.indexOf('/');
			String host = (slash < 0) ? trimmed : trimmed.substring(0, slash);
			if (!host.matches("[0-9a-fA-F:.]+")) {
				throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
			}
			byte[] network;
			try {
				network = InetAddress.getByName(host).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("not an IP address or CIDR range: " + text, ex);
			}
			if (host.contains(":") && network.length == 4) {
				throw new IllegalArgumentException("write IPv4-mapped ranges as IPv4: " + text);
			}
			int bits = network.length * 8;
			int prefix;
			try {
				prefix = (slash < 0) ? bits : Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("not a CIDR prefix length: " + text, ex);
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("CIDR prefix length out of range: " + text);
			}
			return new Cidr(network, prefix);
		}

		boolean contains(InetAddress address) {
			byte[] bytes = embeddedIpv4(address).getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int full = this.prefixLength / 8;
			if (!Arrays.equals(bytes, 0, full, this.network, 0, full)) {
				return false;
			}
			int rest = this.prefixLength % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (bytes[full] & mask) == (this.network[full] & mask);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Cidr cidr && Arrays.equals(this.network, cidr.network)
					&& this.prefixLength == cidr.prefixLength;
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.network) * 31 + this.prefixLength;
		}

		@Override
		public String toString() {
			try {
				return InetAddress.getByAddress(this.network).getHostAddress() + "/" + this.prefixLength;
			}
			catch (UnknownHostException ex) {
				return "?/" + this.prefixLength;
			}
		}

	}

}
