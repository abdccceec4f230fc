package parse

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Model is a trained tagger and parser.
type Model struct {
	// Tags are the joint tags the tagger gives, "UPOS XPOS" split into
	// two lists.
	UPOS, XPOS []string
	// Labels are the dependency relations; root is the index of "root".
	Labels []string
	// Super are the supertags: a relation and the side of the head.
	Super   []string
	root    int
	tag1    *table // first tagging pass
	tag2    *table // second pass, reading the first pass's tags around each word
	super   *table // supertagger, reading the tags
	parser  *table // moves
	relL    *table // the relation of a left arc
	relR    *table // the relation of a right arc
	lemmas  *lemmatizer
	lexicon *lexicon
	// Info says how the model was trained and what it scored.
	Info Info
}

// Info describes a model: where it came from and how well it did.
type Info struct {
	Trained  string             `json:"trained"`  // training file and settings
	Licence  string             `json:"licence"`  // of the training data, which the model derives from
	Epochs   [4]int             `json:"epochs"`   // tagger passes 1 and 2, supertagger, parser
	DevScore map[string]float64 `json:"devScore"` // UPOS, UAS, LAS on the tuning set
}

// Tags is the number of joint tags.
func (m *Model) Tags() int { return len(m.UPOS) }

//go:embed model.bin
var embedded []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, decoding it on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = decodeEmbedded()
		if defaultErr != nil {
			defaultErr = fmt.Errorf("parse: the embedded model: %w (rebuild it: go generate ./internal/parse)", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

func decodeEmbedded() (*Model, error) { return Decode(bytes.NewReader(embedded)) }

const magic = "tally-parse-model 5\n"

type header struct {
	UPOS    []string `json:"upos"`
	XPOS    []string `json:"xpos"`
	Labels  []string `json:"labels"`
	Super   []string `json:"super"`
	Tables  [][2]int `json:"tables"`  // features and weights of each table, in the order of Model.tables
	Lexicon int      `json:"lexicon"` // bytes of the lexicon block
	Lemmas  int      `json:"lemmas"`  // bytes of the lemma block
	Info    Info     `json:"info"`
	Version int      `json:"version"`
}

// Encode writes m in the model file format: a magic line, a JSON header,
// then for each table its rows: feature keys (little-endian) and scales,
// then for a table of at most three classes every class's weight, else
// each row's weight count, classes and weights; then the lexicon and the
// lemma block.
// The hash tables are rebuilt when the file is read: rows take less room
// than slots.
func (m *Model) Encode(w io.Writer) error {
	lem, lexi := m.lemmas.encode(), m.lexicon.encode()
	h := header{UPOS: m.UPOS, XPOS: m.XPOS, Labels: m.Labels, Super: m.Super, Info: m.Info, Version: 1, Lemmas: len(lem), Lexicon: len(lexi)}
	for _, t := range m.tables() {
		if t.rows == nil && t.features() > 0 {
			return errors.New("parse: only a freshly trained model can be written")
		}
		n := 0
		for _, r := range t.rows {
			n += len(r.w)
		}
		h.Tables = append(h.Tables, [2]int{len(t.rows), n})
	}
	js, err := json.Marshal(h)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(magic)
	binary.Write(&b, binary.LittleEndian, uint32(len(js)))
	b.Write(js)
	for _, t := range m.tables() {
		for _, r := range t.rows {
			binary.Write(&b, binary.LittleEndian, r.key)
		}
		for _, r := range t.rows {
			b.WriteByte(r.exp)
		}
		if !t.inline() {
			for _, r := range t.rows {
				b.WriteByte(uint8(len(r.w)))
			}
			for _, r := range t.rows {
				b.Write(r.class)
			}
		}
		for _, r := range t.rows {
			for _, q := range r.w {
				b.WriteByte(uint8(q))
			}
		}
	}
	b.Write(lexi)
	b.Write(lem)
	_, err = w.Write(b.Bytes())
	return err
}

// Decode reads a model written by Encode.
func Decode(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return nil, errors.New("not a tally parser model of this version (rebuild it: go generate ./internal/parse)")
	}
	if len(rest) < 4 {
		return nil, errors.New("model truncated")
	}
	n := int(binary.LittleEndian.Uint32(rest))
	rest = rest[4:]
	if n > len(rest) {
		return nil, errors.New("model truncated in its header")
	}
	var h header
	if err := json.Unmarshal(rest[:n], &h); err != nil {
		return nil, fmt.Errorf("model header: %w", err)
	}
	rest = rest[n:]
	m := &Model{UPOS: h.UPOS, XPOS: h.XPOS, Labels: h.Labels, Super: h.Super, Info: h.Info, root: -1}
	if len(m.UPOS) != len(m.XPOS) || len(m.UPOS) == 0 || len(m.UPOS) > 250 || len(m.Labels) == 0 || len(m.Labels) > 64 ||
		len(m.Super) == 0 || len(m.Super) > 250 || len(h.Tables) != 6 {
		return nil, errors.New("model header: bad tag or label lists")
	}
	for i, l := range m.Labels {
		if l == "root" {
			m.root = i
		}
	}
	if m.root < 0 {
		return nil, errors.New("model header: no root label")
	}
	ptrs := []**table{&m.tag1, &m.tag2, &m.super, &m.parser, &m.relL, &m.relR}
	classes := []int{len(m.UPOS), len(m.UPOS), len(m.Super), 3, len(m.Labels), len(m.Labels)}
	for i, size := range h.Tables {
		*ptrs[i], rest, err = decodeTable(rest, classes[i], size[0], size[1])
		if err != nil {
			return nil, err
		}
	}
	if h.Lexicon < 0 || h.Lexicon > len(rest) {
		return nil, errors.New("model: truncated lexicon")
	}
	if m.lexicon, err = decodeLexicon(rest[:h.Lexicon], len(m.UPOS)); err != nil {
		return nil, err
	}
	rest = rest[h.Lexicon:]
	if len(rest) != h.Lemmas {
		return nil, fmt.Errorf("model: %d bytes of lemmas, header says %d", len(rest), h.Lemmas)
	}
	m.lemmas, err = decodeLemmas(rest)
	return m, err
}

// decodeTable reads one table's rows and builds its slots, checking that
// every class is in range so that a damaged file cannot make a lookup
// read out of bounds.
func decodeTable(b []byte, nclass, features, weights int) (*table, []byte, error) {
	bad := errors.New("model: bad or truncated weight table")
	if features < 0 || weights < 0 || features > len(b) {
		return nil, nil, bad
	}
	t := newEmptyTable(nclass, features)
	if !t.inline() && weights >= maxWeights {
		return nil, nil, bad
	}
	need := features * 9
	if t.inline() {
		if weights != features*nclass {
			return nil, nil, bad
		}
		need += weights
	} else {
		need += features + 2*weights
	}
	if need > len(b) {
		return nil, nil, bad
	}
	keys, exps := b[:8*features], b[8*features:9*features]
	if t.inline() {
		ws := b[9*features : 9*features+weights]
		for i := 0; i < features; i++ {
			if exps[i] > maxExp {
				return nil, nil, bad
			}
			p := uint64(exps[i]) << 29
			for c := 0; c < nclass; c++ {
				p |= uint64(ws[i*nclass+c]) << (8 * c)
			}
			if err := t.insert(binary.LittleEndian.Uint64(keys[8*i:]), p); err != nil {
				return nil, nil, fmt.Errorf("model: %w", err)
			}
		}
		return t, b[need:], nil
	}
	counts := b[9*features : 10*features]
	cls := b[10*features : 10*features+weights]
	ws := b[10*features+weights : need]
	t.w = make([]uint16, weights)
	for i, c := range cls {
		if int(c) >= nclass {
			return nil, nil, fmt.Errorf("model: a weight for class %d of %d", c, nclass)
		}
		t.w[i] = uint16(c)<<8 | uint16(ws[i])
	}
	off := 0
	for i := 0; i < features; i++ {
		k := int(counts[i])
		if exps[i] > maxExp || off+k > weights {
			return nil, nil, bad
		}
		if err := t.insert(binary.LittleEndian.Uint64(keys[8*i:]), varPayload(exps[i], k, off)); err != nil {
			return nil, nil, fmt.Errorf("model: %w", err)
		}
		off += k
	}
	if off != weights {
		return nil, nil, bad
	}
	return t, b[need:], nil
}

// tables are the model's weight tables in file order.
func (m *Model) tables() []*table { return []*table{m.tag1, m.tag2, m.super, m.parser, m.relL, m.relR} }

// String names the model for `tally parse --help` and logs.
func (m *Model) String() string {
	n := 0
	for _, t := range m.tables() {
		n += t.features()
	}
	return fmt.Sprintf("%d tags, %d relations, %d features; %s", len(m.UPOS), len(m.Labels), n, strings.TrimSpace(m.Info.Trained))
}
