package fetch

import (
	"net/netip"
	"syscall"
)

// RefusedError is a connection refused by tally itself because the address
// is not on the public internet.
type RefusedError struct {
	Addr netip.Addr
	Kind string // "a loopback address", "a private address", ...
}

func (e *RefusedError) Error() string {
	return "refused: " + e.Addr.String() + " is " + e.Kind + " (use --allow-private to allow)"
}

// refusePrivate is the net.Dialer.Control hook: it sees the resolved
// address about to be dialled, after DNS and on every redirect hop.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		// Not an IP:port (a Unix socket, say): not something a URL reaches.
		return &RefusedError{Kind: "not an internet address"}
	}
	if kind := nonPublic(ap.Addr()); kind != "" {
		return &RefusedError{Addr: ap.Addr().Unmap(), Kind: kind}
	}
	return nil
}

// Address ranges beyond what netip classifies that no public web server
// lives in; cloud metadata services sit in some of them (100.100.100.200).
var extraRanges = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "a \"this network\" address"},
	{netip.MustParsePrefix("100.64.0.0/10"), "a shared (carrier-grade NAT) address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "a reserved address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a reserved (benchmarking) address"},
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved address"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "a local NAT64 address"},
}

// nonPublic says what kind of non-public address a is, or "" when it is
// public. IPv4-mapped IPv6 addresses are judged as the IPv4 address they
// carry.
func nonPublic(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case !a.IsValid():
		return "not a valid address"
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast():
		return "a link-local address"
	case a.IsUnspecified():
		return "an unspecified address"
	case a.IsMulticast(), a.IsLinkLocalMulticast(), a.IsInterfaceLocalMulticast():
		return "a multicast address"
	case a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "a broadcast address"
	}
	for _, r := range extraRanges {
		if r.prefix.Contains(a) {
			return r.kind
		}
	}
	return ""
}
