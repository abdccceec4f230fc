package parse

// Features are 64-bit keys: a template number mixed with up to three
// attribute values (word hashes, tag or label numbers, distances). No
// vocabulary is needed at run time: a word's feature is the hash of its
// normalised form, and a key the model never saw scores nothing.

const (
	p1 = 0x9E3779B97F4A7C15
	p2 = 0xC2B2AE3D27D4EB4F
	p3 = 0x165667B19E3779F9
	p4 = 0xD6E8FEB86659FD93
)

// mix finishes a key so that nearby inputs spread over the whole table
// (the splitmix64 finaliser).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

func key1(t, a uint64) uint64       { return mix(t*p4 + a*p1) }
func key2(t, a, b uint64) uint64    { return mix(t*p4 + a*p1 + b*p2) }
func key3(t, a, b, c uint64) uint64 { return mix(t*p4 + a*p1 + b*p2 + c*p3) }

// hashString is FNV-1a over s, the word attribute of features.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// hashBytes goes on with FNV-1a hash h over b (hashBytes(offset, b) is
// hashString(string(b))).
func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
