package eval

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

func TestNormWords(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want []string
	}{
		// possessives, with ' and ’, and only before a word boundary
		{"Seoul's spy agency", []string{"seoul", "spy", "agency"}},
		{"Seoul’s spy agency", []string{"seoul", "spy", "agency"}},
		{"officials's", []string{"officials"}},
		{"it'sy", []string{"it", "sy"}},
		{"SEOUL'S", []string{"seoul"}},
		// punctuation becomes space; leading "the" only
		{"The Joint Chiefs of Staff (South Korea)", []string{"joint", "chiefs", "of", "staff", "south", "korea"}},
		{"the the", []string{"the"}},
		{"Agence France-Presse", []string{"agence", "france", "presse"}},
		{"N. Korea", []string{"n", "korea"}},
		// Unicode: letters are words, combining marks are not (Python \w)
		{"Élève", []string{"élève"}},
		{"e\u0301cole", []string{"e", "cole"}},
		{"under_score", []string{"under_score"}},
		{"ΣΟΦΟΣ", []string{"σοφος"}},
		// non-strings go through str()
		{nil, nil},
		{true, []string{"true"}},
		{json.Number("1.50"), []string{"1", "5"}},
		{"", nil},
		{"  \u00a0 ", nil},
	} {
		got := normWords(tc.in)
		if len(got) == 0 && len(tc.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("normWords(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWordEq(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"korea", "korean", true},
		{"ukraine", "ukrainian", true},      // prefix 5 of min 7: 15 >= 14
		{"ukraine", "ukrainians", true},     // same prefix
		{"russia", "russian", true},         // prefix 6
		{"kor", "korean", false},            // prefix under 4
		{"unit", "united", true},            // prefix 4 covers 2/3 of 4
		{"nation", "national", true},        // 6 of 6
		{"intelligence", "intel", true},     // 5 of 5
		{"international", "inter", true},    // 5 of 5
		{"international", "internet", true}, // "intern": 6*3 >= 2*8
		{"same", "same", true},
		{"élève", "élèves", true}, // code points, not bytes
		{"abcd", "abce", false},   // 3 < 4
	} {
		if got := wordEq(tc.a, tc.b); got != tc.want {
			t.Errorf("wordEq(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestStrMatch(t *testing.T) {
	for _, tc := range []struct {
		a, b any
		want bool
	}{
		{"North Korea", "North Korean", true},
		{"North Korea", "north koreans", true},
		{"Joint Chiefs of Staff (South Korea)", "Joint Chiefs of Staff", true},
		{"National Intelligence Service", "Seoul's National Intelligence Service", true},
		{"the publisher", "publisher", true},
		{"UNHCR", "the UN refugee agency (UNHCR)", true},
		{"HUR (Ukraine)", "Ukrainian military intelligence", false},
		{"Kyiv's military intelligence", "Kyiv military intelligence", true},
		{"South Korea", "North Korea", false},
		{"", "anything", false},
		{nil, "x", false},
		{"x", nil, false},
		{"The", "the", false}, // both become empty after dropping "the"
	} {
		if got := strMatch(tc.a, tc.b); got != tc.want {
			t.Errorf("strMatch(%#v, %#v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSourceMatch(t *testing.T) {
	pubGold := map[string]any{"source": "the publisher"}
	for _, tc := range []struct {
		gold, pred map[string]any
		pub        any
		want       bool
	}{
		{pubGold, map[string]any{}, "AFP", true},
		{pubGold, map[string]any{"source": ""}, "AFP", true},
		{pubGold, map[string]any{"source": "The Publisher"}, nil, true},
		{pubGold, map[string]any{"source": "Agence France-Presse (AFP)"}, "AFP", true},
		{pubGold, map[string]any{"source": "Reuters"}, "AFP", false},
		{pubGold, map[string]any{"source": "Reuters"}, nil, false},
		{map[string]any{"source": "NIS", "source_aliases": []any{"Seoul's spy agency"}}, map[string]any{"source": "Seoul’s spy agency"}, nil, true},
		// a string alias is a list of characters to Python
		{map[string]any{"source": "X Y", "source_aliases": "AB"}, map[string]any{"source": "b"}, nil, true},
		{map[string]any{"source": nil}, map[string]any{"source": "x"}, nil, false},
	} {
		if got := sourceMatch(tc.gold, tc.pred, tc.pub); got != tc.want {
			t.Errorf("sourceMatch(%v, %v, %v) = %v, want %v", tc.gold, tc.pred, tc.pub, got, tc.want)
		}
	}
}

func TestFigureMatch(t *testing.T) {
	g := func(v any, nt string) map[string]any {
		return map[string]any{"measure": "Killed", "value": v, "number_text": nt}
	}
	p := func(v any) map[string]any { return map[string]any{"measure": " killed ", "value": v} }
	for _, tc := range []struct {
		gold, pred map[string]any
		want       bool
	}{
		{g(json.Number("1100"), ""), p(json.Number("1100.0")), true},
		{g(json.Number("1100"), ""), p("1,100"), true},
		{g(json.Number("1100"), ""), p(1100.0005), true},
		{g(json.Number("1100"), ""), p(1100.01), false},
		{g(json.Number("1100"), ""), p(nil), false},
		{g(nil, "thousands"), p(nil), true},
		{g(nil, "Tens of thousands"), p(json.Number("20000")), true},
		{g(nil, "tens of thousands"), p(json.Number("9999")), false},
		{g(nil, "scores"), p(json.Number("123456789")), true}, // no window: anything
		{g(nil, "dozens"), p(true), true},                     // bool is None
		{g(json.Number("5"), ""), p(json.Number("NaN")), false},
		{g(json.Number("5"), ""), map[string]any{"value": json.Number("5")}, false},
	} {
		if got := figureMatch(tc.gold, tc.pred); got != tc.want {
			t.Errorf("figureMatch(%v, %v) = %v, want %v", tc.gold, tc.pred, got, tc.want)
		}
	}
}

func TestToNumber(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want float64
		ok   bool
	}{
		{" 1,100 ", 1100, true},
		{"12_000", 12000, true},
		{"None", 0, false},
		{"null", 0, false},
		{"0x10", 0, false},
		{"inf", math.Inf(1), true},
		{"١٢", 12, true},
		{"1e400", math.Inf(1), true},
		{false, 0, false},
		{json.Number("-0"), 0, true},
	} {
		got, ok := toNumber(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("toNumber(%#v) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPyRepr(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{json.Number("1100"), "1100"},
		{json.Number("1100.0"), "1100.0"},
		{json.Number("-0"), "0"},
		{json.Number("-0.0"), "-0.0"},
		{json.Number("1e3"), "1000.0"},
		{json.Number("1e16"), "1e+16"},
		{json.Number("1234567890123456.0"), "1234567890123456.0"},
		{json.Number("0.0001"), "0.0001"},
		{json.Number("0.00001"), "1e-05"},
		{json.Number("2.5e-7"), "2.5e-07"},
		{json.Number("1.5e300"), "1.5e+300"},
		{json.Number("NaN"), "nan"},
		{json.Number("-Infinity"), "-inf"},
		{1100.0, "1100.0"},
		{0.1, "0.1"},
		{nil, "None"},
		{true, "True"},
		{"it's", `"it's"`},
		{`it's "x"`, `'it\'s "x"'`},
		{"tab\tnl\n\x01\u00a0\u200b", `'tab\tnl\n\x01\xa0\u200b'`},
		{[]any{"a", json.Number("1")}, "['a', 1]"},
	} {
		if got := pyRepr(tc.in); got != tc.want {
			t.Errorf("pyRepr(%#v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// The messages are CPython 3.11's, positions in code points.
func TestPyJSONErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a": }`, "Expecting value: line 1 column 7 (char 6)"},
		{`{"é": x}`, "Expecting value: line 1 column 7 (char 6)"},
		{`{"a" 1}`, "Expecting ':' delimiter: line 1 column 6 (char 5)"},
		{`{"a": 1,}`, "Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"},
		{`[1,]`, "Expecting value: line 1 column 4 (char 3)"},
		{`[1 2]`, "Expecting ',' delimiter: line 1 column 4 (char 3)"},
		{`"abc`, "Unterminated string starting at: line 1 column 1 (char 0)"},
		{`"\x"`, "Invalid \\escape: line 1 column 2 (char 1)"},
		{`"\u12"`, "Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
		{"\"a\x01\"", "Invalid control character at: line 1 column 3 (char 2)"},
		{`01`, "Extra data: line 1 column 2 (char 1)"},
		{`-`, "Expecting value: line 1 column 1 (char 0)"},
		{"\ufeff{}", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"},
	} {
		_, err := parsePyJSON(tc.in)
		if err == nil || err.Error() != tc.want {
			t.Errorf("parsePyJSON(%q) error = %v, want %s", tc.in, err, tc.want)
		}
	}
	v, err := parsePyJSON(`{"b": 1, "a": [NaN, -Infinity, 1.0], "b": 2}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := pyRepr(v); got != "{'b': 2, 'a': [nan, -inf, 1.0]}" {
		t.Errorf("repr = %s", got)
	}
}
