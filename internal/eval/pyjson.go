package eval

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// This file is a JSON reader that behaves like CPython 3.11's json.loads
// (the C scanner in Modules/_json.c), because score.py's output depends on
// it in three ways that encoding/json does not reproduce:
//
//   - the warning for a bad line quotes the exception text, e.g.
//     "Expecting ',' delimiter: line 1 column 12 (char 11)", with
//     positions counted in code points, not bytes;
//   - Python keeps ints and floats apart, and describe() prints 1100 for
//     the JSON token 1100 but 1100.0 for 1100.0; numbers are therefore kept
//     as json.Number holding the token as written;
//   - Python accepts NaN, Infinity and -Infinity, and keeps the first
//     position but the last value of a duplicated key.
//
// Objects come back as *object so that the key order survives for the
// "prediction without doc/measure/value" warning, which prints the line
// as a Python dict; plain() turns them into map[string]any.

// object is a JSON object in insertion order, as a Python dict keeps it.
type object struct {
	keys []string
	vals map[string]any
}

// syntaxError carries Python's JSONDecodeError text.
type syntaxError struct {
	msg string
	pos int // code point offset
}

func (e *syntaxError) Error() string {
	// The line never holds '\n' (load splits on it), so line is 1 and
	// the column is pos+1, as JSONDecodeError computes them.
	return fmt.Sprintf("%s: line 1 column %d (char %d)", e.msg, e.pos+1, e.pos)
}

// stopIteration is the C scanner's "no value here" signal; at the top it
// becomes "Expecting value" at pos.
type stopIteration struct{ pos int }

type pyDecoder struct {
	s []rune
}

// parsePyJSON decodes one JSON document the way json.loads(line) does.
func parsePyJSON(line string) (any, error) {
	d := pyDecoder{s: []rune(line)}
	if len(d.s) > 0 && d.s[0] == '\ufeff' {
		return nil, &syntaxError{"Unexpected UTF-8 BOM (decode using utf-8-sig)", 0}
	}
	idx := d.skipWS(0)
	v, end, err := d.scan(idx)
	if err != nil {
		if st, ok := err.(*stopIteration); ok {
			return nil, &syntaxError{"Expecting value", st.pos}
		}
		return nil, err
	}
	end = d.skipWS(end)
	if end != len(d.s) {
		return nil, &syntaxError{"Extra data", end}
	}
	return v, nil
}

func isJSONSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func (d *pyDecoder) skipWS(i int) int {
	for i < len(d.s) && isJSONSpace(d.s[i]) {
		i++
	}
	return i
}

func (d *pyDecoder) has(i int, lit string) bool {
	r := []rune(lit)
	if i+len(r) > len(d.s) {
		return false
	}
	for k, c := range r {
		if d.s[i+k] != c {
			return false
		}
	}
	return true
}

// scan mirrors scan_once_unicode: the value starting exactly at idx.
func (d *pyDecoder) scan(idx int) (any, int, error) {
	if idx >= len(d.s) {
		return nil, idx, &stopIteration{idx}
	}
	switch d.s[idx] {
	case '"':
		return d.str(idx + 1)
	case '{':
		return d.obj(idx + 1)
	case '[':
		return d.arr(idx + 1)
	case 'n':
		if d.has(idx, "null") {
			return nil, idx + 4, nil
		}
	case 't':
		if d.has(idx, "true") {
			return true, idx + 4, nil
		}
	case 'f':
		if d.has(idx, "false") {
			return false, idx + 5, nil
		}
	case 'N':
		if d.has(idx, "NaN") {
			return json.Number("NaN"), idx + 3, nil
		}
	case 'I':
		if d.has(idx, "Infinity") {
			return json.Number("Infinity"), idx + 8, nil
		}
	case '-':
		if d.has(idx, "-Infinity") {
			return json.Number("-Infinity"), idx + 9, nil
		}
	}
	return d.number(idx)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// number mirrors _match_number_unicode: ASCII digits only, a fraction
// needs a digit after '.', and an exponent without digits is left unread.
func (d *pyDecoder) number(start int) (any, int, error) {
	i := start
	n := len(d.s)
	if i < n && d.s[i] == '-' {
		i++
		if i >= n {
			return nil, start, &stopIteration{start}
		}
	}
	switch {
	case i < n && d.s[i] >= '1' && d.s[i] <= '9':
		for i < n && isDigit(d.s[i]) {
			i++
		}
	case i < n && d.s[i] == '0':
		i++
	default:
		return nil, start, &stopIteration{start}
	}
	if i+1 < n && d.s[i] == '.' && isDigit(d.s[i+1]) {
		i += 2
		for i < n && isDigit(d.s[i]) {
			i++
		}
	}
	if i < n && (d.s[i] == 'e' || d.s[i] == 'E') {
		e := i
		i++
		if i < n && (d.s[i] == '-' || d.s[i] == '+') {
			i++
		}
		j := i
		for i < n && isDigit(d.s[i]) {
			i++
		}
		if i == j {
			i = e
		}
	}
	return json.Number(string(d.s[start:i])), i, nil
}

// str mirrors scanstring_unicode with strict=True; begin is just after
// the opening quote.
func (d *pyDecoder) str(end int) (any, int, error) {
	begin := end - 1
	var b strings.Builder
	n := len(d.s)
	for {
		next := end
		var c rune
		for ; next < n; next++ {
			c = d.s[next]
			if c == '"' || c == '\\' {
				break
			}
			if c <= 0x1f {
				return nil, 0, &syntaxError{"Invalid control character at", next}
			}
		}
		if next >= n {
			return nil, 0, &syntaxError{"Unterminated string starting at", begin}
		}
		b.WriteString(string(d.s[end:next]))
		next++
		if c == '"' {
			return b.String(), next, nil
		}
		if next == n {
			return nil, 0, &syntaxError{"Unterminated string starting at", begin}
		}
		c = d.s[next]
		if c != 'u' {
			end = next + 1
			var out rune
			switch c {
			case '"', '\\', '/':
				out = c
			case 'b':
				out = '\b'
			case 'f':
				out = '\f'
			case 'n':
				out = '\n'
			case 'r':
				out = '\r'
			case 't':
				out = '\t'
			default:
				return nil, 0, &syntaxError{"Invalid \\escape", end - 2}
			}
			b.WriteRune(out)
			continue
		}
		next++
		end = next + 4
		if end >= n {
			return nil, 0, &syntaxError{"Invalid \\uXXXX escape", next - 1}
		}
		u, ok := hex4(d.s[next:end])
		if !ok {
			return nil, 0, &syntaxError{"Invalid \\uXXXX escape", end - 5}
		}
		next = end
		if u >= 0xd800 && u <= 0xdbff && end+6 < n && d.s[next] == '\\' && d.s[next+1] == 'u' {
			end += 6
			u2, ok := hex4(d.s[next+2 : end])
			if !ok {
				return nil, 0, &syntaxError{"Invalid \\uXXXX escape", end - 5}
			}
			if u2 >= 0xdc00 && u2 <= 0xdfff {
				u = 0x10000 + (u-0xd800)<<10 + (u2 - 0xdc00)
			} else {
				end -= 6
			}
		}
		if u >= 0xd800 && u <= 0xdfff {
			// A lone surrogate is a valid Python str but not UTF-8;
			// keep it as its three WTF-8 bytes so repr() and the
			// stderr notes can show it as Python does (\ud800).
			b.Write([]byte{0xed, byte(0x80 | (u>>6)&0x3f), byte(0x80 | u&0x3f)})
			continue
		}
		b.WriteRune(u)
	}
}

func hex4(r []rune) (rune, bool) {
	var v rune
	for _, c := range r {
		v <<= 4
		switch {
		case c >= '0' && c <= '9':
			v |= c - '0'
		case c >= 'a' && c <= 'f':
			v |= c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v |= c - 'A' + 10
		default:
			return 0, false
		}
	}
	return v, true
}

// obj mirrors _parse_object_unicode (3.11: no "trailing comma" message).
func (d *pyDecoder) obj(idx int) (any, int, error) {
	o := &object{vals: map[string]any{}}
	n := len(d.s)
	idx = d.skipWS(idx)
	if idx < n && d.s[idx] == '}' {
		return o, idx + 1, nil
	}
	for {
		if idx >= n || d.s[idx] != '"' {
			return nil, 0, &syntaxError{"Expecting property name enclosed in double quotes", idx}
		}
		k, next, err := d.str(idx + 1)
		if err != nil {
			return nil, 0, err
		}
		idx = d.skipWS(next)
		if idx >= n || d.s[idx] != ':' {
			return nil, 0, &syntaxError{"Expecting ':' delimiter", idx}
		}
		idx = d.skipWS(idx + 1)
		v, next, err := d.scan(idx)
		if err != nil {
			return nil, 0, err
		}
		key := k.(string)
		if _, dup := o.vals[key]; !dup {
			o.keys = append(o.keys, key)
		}
		o.vals[key] = v
		idx = d.skipWS(next)
		if idx < n && d.s[idx] == '}' {
			return o, idx + 1, nil
		}
		if idx >= n || d.s[idx] != ',' {
			return nil, 0, &syntaxError{"Expecting ',' delimiter", idx}
		}
		idx = d.skipWS(idx + 1)
	}
}

// arr mirrors _parse_array_unicode.
func (d *pyDecoder) arr(idx int) (any, int, error) {
	a := []any{}
	n := len(d.s)
	idx = d.skipWS(idx)
	if idx < n && d.s[idx] == ']' {
		return a, idx + 1, nil
	}
	for {
		v, next, err := d.scan(idx)
		if err != nil {
			return nil, 0, err
		}
		a = append(a, v)
		idx = d.skipWS(next)
		if idx < n && d.s[idx] == ']' {
			return a, idx + 1, nil
		}
		if idx >= n || d.s[idx] != ',' {
			return nil, 0, &syntaxError{"Expecting ',' delimiter", idx}
		}
		idx = d.skipWS(idx + 1)
	}
}

func (e *stopIteration) Error() string { return fmt.Sprintf("Expecting value at %d", e.pos) }

// plain converts parsed values into the map[string]any / []any shapes that
// Score takes. Nested objects lose their key order (only repr of a nested
// dict would show it).
func plain(v any) any {
	switch x := v.(type) {
	case *object:
		m := make(map[string]any, len(x.keys))
		for _, k := range x.keys {
			m[k] = plain(x.vals[k])
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

// DecodeLine parses one JSON line as Python's json.loads would, numbers
// kept as json.Number. It is what ScoreFiles uses for every line, and
// what `tally eval` uses on marshalled figures so that pipeline output is
// scored exactly as the same output written to a file.
func DecodeLine(line string) (any, error) {
	v, err := parsePyJSON(line)
	if err != nil {
		return nil, err
	}
	return plain(v), nil
}

// validUTF8 reports whether the file text decodes; Python would raise
// UnicodeDecodeError on it.
func validUTF8(b []byte) bool { return utf8.Valid(b) }

// surrogateAt decodes a lone surrogate kept as WTF-8 bytes at s[i:].
func surrogateAt(s string, i int) (rune, bool) {
	if i+3 <= len(s) && s[i] == 0xed && s[i+1] >= 0xa0 && s[i+1] <= 0xbf && s[i+2]&0xc0 == 0x80 {
		return 0xd000 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f), true
	}
	return 0, false
}

// backslashSurrogates writes lone surrogates as \udXXX, as Python's
// stderr (errors="backslashreplace") does.
func backslashSurrogates(s string) string {
	if !strings.Contains(s, "\xed") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if u, ok := surrogateAt(s, i); ok {
			fmt.Fprintf(&b, "\\u%04x", u)
			i += 3
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}
