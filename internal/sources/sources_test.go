package sources

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolveAliasTable(t *testing.T) {
	r := Default().NewResolver("")
	tests := []struct{ text, canonical, kind, country string }{
		{"JCS", "Joint Chiefs of Staff (South Korea)", "military", "South Korea"},
		{"the NIS", "National Intelligence Service (South Korea)", "intelligence", "South Korea"},
		{"South Korea's Joint Chiefs of Staff", "Joint Chiefs of Staff (South Korea)", "military", "South Korea"},
		{"The UN refugee agency", "UNHCR", "un", ""},
		{"UN human rights office", "OHCHR", "un", ""},
		{"HRMMU", "OHCHR", "un", ""},
		{"the UN Human Rights Monitoring Mission in Ukraine", "OHCHR", "un", ""},
		{"UN humanitarian office", "OCHA", "un", ""},
		{"International Organization for Migration", "IOM", "un", ""},
		{"UN migration agency", "IOM", "un", ""},
		{"WHO", "World Health Organization", "un", ""},
		{"AFAD", "AFAD", "emergency", "Turkey"},
		{"IDF", "Israeli military", "military", "Israel"},
		{"Pentagon", "Pentagon", "ministry", "United States"},
		{"Hamas-run health ministry", "Gaza Health Ministry", "ministry", "Palestinians"},
		{"GUR", "Main Intelligence Directorate (Ukraine)", "intelligence", "Ukraine"},
		{"SBU", "Security Service of Ukraine", "intelligence", "Ukraine"},
	}
	for _, tt := range tests {
		c, k, ctry, ok := r.Resolve(tt.text)
		if !ok || c != tt.canonical || k != tt.kind || ctry != tt.country {
			t.Errorf("Resolve(%q) = %q, %q, %q, %v; want %q, %q, %q", tt.text, c, k, ctry, ok, tt.canonical, tt.kind, tt.country)
		}
	}
}

func TestResolveDescriptions(t *testing.T) {
	r := Default().NewResolver("")
	tests := []struct{ text, canonical, kind, country string }{
		{"Seoul's spy agency", "National Intelligence Service (South Korea)", "intelligence", "South Korea"},
		{"South Korea's intelligence agency", "National Intelligence Service (South Korea)", "intelligence", "South Korea"},
		{"the South Korean military", "Joint Chiefs of Staff (South Korea)", "military", "South Korea"},
		{"Ukraine's military intelligence", "Main Intelligence Directorate (Ukraine)", "intelligence", "Ukraine"},
		{"Israel's army", "Israeli military", "military", "Israel"},
		{"Kyiv's General Staff", "General Staff of the Armed Forces of Ukraine", "military", "Ukraine"},
		{"Kyiv’s general staff", "General Staff of the Armed Forces of Ukraine", "military", "Ukraine"},
		{"the Ukrainian Defence Ministry", "Ministry of Defence of Ukraine", "ministry", "Ukraine"},
		{"Russia's defence ministry", "Ministry of Defence of Russia", "ministry", "Russia"},
		{"the Iraqi health ministry", "Ministry of Health of Iraq", "ministry", "Iraq"},
		{"the health ministry in Gaza", "Gaza Health Ministry", "ministry", "Palestinians"},
		{"Greek officials", "Greek officials", "government", "Greece"},
		{"Iraqi health officials", "Iraqi health officials", "government", "Iraq"},
		{"Chinese government", "Chinese government", "government", "China"},
		{"Indonesian police", "Indonesian police", "police", "Indonesia"},
		{"Turkey's interior ministry", "Ministry of Interior of Turkey", "ministry", "Turkey"},
		{"Ukraine", "Ukraine", "government", "Ukraine"},
	}
	for _, tt := range tests {
		c, k, ctry, ok := r.Resolve(tt.text)
		if !ok || c != tt.canonical || k != tt.kind || ctry != tt.country {
			t.Errorf("Resolve(%q) = %q, %q, %q, %v; want %q, %q, %q", tt.text, c, k, ctry, ok, tt.canonical, tt.kind, tt.country)
		}
	}
	for _, text := range []string{"Oleh Petrenko", "lawmaker Lee Seong-kweun", "witnesses", "Kursk", "the agency", ""} {
		if c, _, _, ok := r.Resolve(text); ok {
			t.Errorf("Resolve(%q) = %q, want no match", text, c)
		}
	}
}

func TestResolveDocumentAcronyms(t *testing.T) {
	doc := "The Human Rights Monitoring Mission in Ukraine (HRMMU) said... The Kenya National Intelligence Service (KNIS) and the Armed Conflict Survey Team (ACST) reported. " +
		"Kenya's National Intelligence Service (NIS) said."
	r := Default().NewResolver(doc)
	tests := []struct{ text, canonical, country string }{
		{"HRMMU", "OHCHR", ""},
		{"ACST", "Armed Conflict Survey Team", ""},
		{"KNIS", "Kenya National Intelligence Service", ""},
		// The document's own definition beats the shipped South Korean NIS.
		{"NIS", "National Intelligence Service (Kenya)", "Kenya"},
	}
	for _, tt := range tests {
		c, _, ctry, ok := r.Resolve(tt.text)
		if !ok || c != tt.canonical || ctry != tt.country {
			t.Errorf("Resolve(%q) = %q, %q, %v; want %q, %q", tt.text, c, ctry, ok, tt.canonical, tt.country)
		}
	}
	// Without the document, NIS is South Korea's.
	if c, _, _, _ := Default().NewResolver("").Resolve("NIS"); c != "National Intelligence Service (South Korea)" {
		t.Errorf("default NIS = %q", c)
	}
	// No definition, no acronym: "(AP)" is not preceded by matching words.
	if _, _, _, ok := Default().NewResolver("KABUL (AP) - ...").Resolve("AP"); ok {
		t.Error("AP resolved without a definition")
	}
}

func TestPersonName(t *testing.T) {
	for in, want := range map[string]string{
		"Ukrainian President Volodymyr Zelensky":                    "Volodymyr Zelensky",
		"President Zelensky":                                        "Zelensky",
		"lawmaker Lee Seong-kweun":                                  "Lee Seong-kweun",
		"South Korean Defence Minister Shin Won-sik":                "Shin Won-sik",
		"Maj. Gen. Pat Ryder":                                       "Pat Ryder",
		"Turkey's interior minister Ali Yerlikaya":                  "Ali Yerlikaya",
		"Pat Ryder, a Pentagon spokesman":                           "Pat Ryder",
		"Volodymyr Zelensky":                                        "Volodymyr Zelensky",
		"Thai Prime Minister Thaksin Shinawatra":                    "Thaksin Shinawatra",
		"spokesman":                                                 "spokesman",
		"National Security Council spokesperson John Kirby":         "John Kirby",
		"U.S. Deputy Ambassador to the United Nations Dorothy Shea": "Dorothy Shea",
		"UN Spokesperson Stéphane Dujarric":                         "Stéphane Dujarric",
	} {
		if got := PersonName(in); got != want {
			t.Errorf("PersonName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNationalize(t *testing.T) {
	c, al := Nationalize("officials", "Greece")
	if c != "Greek officials" || len(al) != 1 || al[0] != "officials" {
		t.Errorf("Nationalize(officials, Greece) = %q, %v", c, al)
	}
	if c, _ := Nationalize("officials", "Philippines"); c != "Philippine officials" {
		t.Errorf("Philippines: %q", c)
	}
	if c, al := Nationalize("witnesses", "Greece"); c != "witnesses" || al != nil {
		t.Errorf("witnesses: %q %v", c, al)
	}
}

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "aliases.toml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadUserFile(t *testing.T) {
	p := write(t, `
# extend: a new body
[[source]]
canonical = "Kenya Defence Forces"
kind = "military"
country = "Kenya"
roles = ["military"]
aliases = ["KDF"]

# override: same canonical replaces the shipped entry
[[source]]
canonical = "IOM"
kind = "un"
aliases = ["migration agency"]

# override a role template
[[role]]
name = "police"
kind = "police"
nouns = ["police", "cops"]
canonical = "Police ({country})"
`)
	tab, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	r := tab.NewResolver("")
	check := func(text, want string) {
		t.Helper()
		if c, _, _, _ := r.Resolve(text); c != want {
			t.Errorf("Resolve(%q) = %q, want %q", text, c, want)
		}
	}
	check("KDF", "Kenya Defence Forces")
	check("the Kenyan military", "Kenya Defence Forces")
	check("migration agency", "IOM")
	check("Greek cops", "Police (Greece)")
	if _, _, _, ok := r.Resolve("UN migration agency"); ok {
		t.Error("overridden IOM kept its shipped aliases")
	}
	// The default table is untouched.
	if c, _, _, _ := Default().NewResolver("").Resolve("UN migration agency"); c != "IOM" {
		t.Errorf("default changed: %q", c)
	}
}

func TestLoadBadFiles(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"syntax":       {"[[source]]\ncanonical = \"X\"\naliases = [\"a\",\n", ":3:"},
		"no canonical": {"[[source]]\ncanonical = \"A\"\n\n[[source]]\nkind = \"un\"\n", ":4: [[source]] without canonical"},
		"unknown key":  {"[[source]]\ncanonical = \"A\"\nalias = [\"b\"]\n", `:3: unknown key "source.alias"`},
		"bad country":  {"[[source]]\ncanonical = \"A\"\ncountry = \"Korea\"\n", `:1: source "A": unknown country "Korea"`},
		"role":         {"[[role]]\nname = \"x\"\n", ":1: [[role]] needs"},
	} {
		p := write(t, tc.body)
		_, err := Load(p)
		if err == nil || !strings.Contains(err.Error(), p+tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, p+tc.want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.toml")); err == nil || !strings.Contains(err.Error(), "missing.toml") {
		t.Errorf("missing file: %v", err)
	}
}

func TestEmbeddedTableIsValid(t *testing.T) {
	if _, err := parse("sources.toml", defaultTOML); err != nil {
		t.Fatal(err)
	}
	if n := len(Default().Canonicals()); n < 50 {
		t.Errorf("only %d sources", n)
	}
}

// TestPeople holds that one person's transliterations are one source.
func TestPeople(t *testing.T) {
	r := Default().NewResolver("")
	for _, text := range []string{"Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelensky"} {
		if c, kind, _, ok := r.Resolve(text); !ok || c != "Volodymyr Zelensky" || kind != "person" {
			t.Errorf("Resolve(%q) = %q %q %v; want the person Volodymyr Zelensky", text, c, kind, ok)
		}
	}
}
