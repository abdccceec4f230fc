package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reproduces the few pieces of Python's str(), repr(), float(),
// str.lower(), str.strip() and str.split() that score.py's matching and
// printing rely on. Values are the shapes DecodeLine returns: nil, bool,
// string, json.Number, []any, map[string]any (*object inside this
// package); float64 and int are accepted too, as Python float and int.

// pyIsSpace is str.isspace: Unicode White_Space plus the four ASCII
// information separators (U+001C..U+001F) that Python also counts.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyIsWord is the \w of a Python str pattern: str.isalnum() or '_'.
// Unlike most regex engines, combining marks are not word characters.
func pyIsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func pyStrip(s string) string { return strings.TrimFunc(s, pyIsSpace) }

// pyLower is str.lower(): the simple lowercase mapping plus Python's two
// context rules, U+0130 → "i̇" and the final-sigma rule for Σ.
func pyLower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case 0x130:
			b.WriteString("i\u0307")
		case 0x3a3:
			if finalSigma(rs, i) {
				b.WriteRune(0x3c2)
			} else {
				b.WriteRune(0x3c3)
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

func isCaseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '^', '`', 0xb7, 0x387, 0x5f4, 0x2018, 0x2019, 0x2024, 0x2027, 0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a:
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// finalSigma is Unicode's Final_Sigma condition, as Python applies it.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && isCaseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !isCased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && isCaseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !isCased(rs[j])
}

// numberIsFloat tells a Python float token from an int token.
func numberIsFloat(n json.Number) bool {
	s := string(n)
	return strings.ContainsAny(s, ".eE") || s == "NaN" || s == "Infinity" || s == "-Infinity"
}

// numberFloat converts a number token as Python's float() would.
func numberFloat(n json.Number) float64 {
	switch n {
	case "NaN":
		return math.NaN()
	case "Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	f, _ := strconv.ParseFloat(string(n), 64) // ±Inf on overflow, as float("1e400")
	return f
}

// pyFloatRepr is repr(float): the shortest round-trip digits, positional
// when the decimal point falls in (-4, 16], scientific with a two-digit
// exponent otherwise, and ".0" on integral values.
func pyFloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // e.g. -1.2345e+06
	sign := ""
	if e[0] == '-' {
		sign, e = "-", e[1:]
	}
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	decpt := exp + 1
	if decpt > -4 && decpt <= 16 {
		switch {
		case decpt <= 0:
			return sign + "0." + strings.Repeat("0", -decpt) + digits
		case decpt >= len(digits):
			return sign + digits + strings.Repeat("0", decpt-len(digits)) + ".0"
		default:
			return sign + digits[:decpt] + "." + digits[decpt:]
		}
	}
	m := digits[:1]
	if len(digits) > 1 {
		m += "." + digits[1:]
	}
	es := "+"
	if exp < 0 {
		es, exp = "-", -exp
	}
	return fmt.Sprintf("%s%se%s%02d", sign, m, es, exp)
}

// pyStr is str(x) for a decoded JSON value (f-string interpolation).
func pyStr(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return pyRepr(v)
}

// pyRepr is repr(x) for a decoded JSON value. Dicts that arrive as Go maps
// have no order left and print with sorted keys.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return pyStrRepr(x)
	case json.Number:
		if numberIsFloat(x) {
			return pyFloatRepr(numberFloat(x))
		}
		s := strings.TrimLeft(string(x), "-0")
		if s == "" {
			return "0"
		}
		return string(x)
	case float64:
		return pyFloatRepr(x)
	case float32:
		return pyFloatRepr(float64(x))
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []string:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyStrRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *object:
		parts := make([]string, len(x.keys))
		for i, k := range x.keys {
			parts[i] = pyStrRepr(k) + ": " + pyRepr(x.vals[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = pyStrRepr(k) + ": " + pyRepr(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// pyStrRepr is repr(str): single quotes unless the text holds ' and no ",
// and \x, \u, \U escapes for what Python does not consider printable.
func pyStrRepr(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); {
		if u, ok := surrogateAt(s, i); ok {
			fmt.Fprintf(&b, `\u%04x`, u)
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < utf8.RuneSelf || pyPrintable(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// pyPrintable is str.isprintable() for one non-ASCII code point: not in
// Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs.
func pyPrintable(r rune) bool {
	if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Cs, unicode.Co, unicode.Zl, unicode.Zp, unicode.Zs) {
		return false
	}
	for _, t := range unicode.Categories {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false // unassigned (Cn)
}

// pyTruthy is Python truthiness, for `x or y` and `if x`.
func pyTruthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case json.Number:
		if numberIsFloat(x) {
			return numberFloat(x) != 0
		}
		return strings.Trim(string(x), "-0") != ""
	case float64:
		return x != 0
	case int:
		return x != 0
	case int64:
		return x != 0
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// pyKey maps a value to a string that is equal for values Python's dict
// and set treat as the same key: 1, 1.0 and True are one key; "1" is not.
func pyKey(v any) string {
	num := func(f float64) string {
		if math.IsNaN(f) {
			return "nan" // NaN never equals anything; close enough for doc ids
		}
		if math.IsInf(f, 0) {
			return "n:" + pyFloatRepr(f)
		}
		return "n:" + new(big.Rat).SetFloat64(f).RatString()
	}
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return "s:" + x
	case bool:
		if x {
			return "n:1"
		}
		return "n:0"
	case json.Number:
		if numberIsFloat(x) {
			return num(numberFloat(x))
		}
		r, ok := new(big.Rat).SetString(string(x))
		if !ok {
			return "x:" + string(x)
		}
		return "n:" + r.RatString()
	case float64:
		return num(x)
	case int:
		return "n:" + strconv.Itoa(x)
	case int64:
		return "n:" + strconv.FormatInt(x, 10)
	}
	return "x:" + pyRepr(v)
}

// pyLess orders doc ids as sorted() would for ids of one type: numbers
// numerically, strings by code point (UTF-8 byte order is the same).
// Python refuses to sort a mix; here numbers come first.
func pyLess(a, b any) bool {
	fa, na := asFloat(a)
	fb, nb := asFloat(b)
	switch {
	case na && nb:
		return fa < fb
	case na != nb:
		return na
	}
	return pyStr(a) < pyStr(b)
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		return numberFloat(x), true
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// toNumber is score.py's to_number: JSON numbers, and strings such as
// "1,100" or " 12_000 "; bools, "null", "none" and anything else are None.
func toNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case nil, bool:
		return 0, false
	case json.Number:
		return numberFloat(x), true
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case string:
		s := pyStrip(x)
		s = strings.ReplaceAll(s, ",", "")
		s = strings.ReplaceAll(s, "_", "")
		if s == "" {
			return 0, false
		}
		if l := pyLower(s); l == "null" || l == "none" {
			return 0, false
		}
		return pyFloat(s)
	}
	return 0, false
}

// pyFloat is float(str): Go's ParseFloat minus hex floats, plus Unicode
// decimal digits and overflow to ±inf.
func pyFloat(s string) (float64, bool) {
	s = pyStrip(s)
	if strings.ContainsAny(s, "xXpP_") {
		return 0, false
	}
	var b strings.Builder
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.Is(unicode.Nd, r) {
			r = '0' + digitValue(r)
		}
		b.WriteRune(r)
	}
	f, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// digitValue finds the value of a Unicode decimal digit: Nd digits come
// in runs of ten starting at a zero (some runs are back to back).
func digitValue(r rune) rune {
	start := r
	for start > 0 && unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return (r - start) % 10
}
