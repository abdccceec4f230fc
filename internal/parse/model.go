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
	Super  []string
	root   int
	tag1   *table // first tagging pass
	tag2   *table // second pass, reading the first pass's tags around each word
	super  *table // supertagger, reading the tags
	parser *table // moves
	rels   *table // the relation of each arc
	lemmas *lemmatizer
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

const magic = "tally-parse-model 4\n"

type header struct {
	UPOS    []string `json:"upos"`
	XPOS    []string `json:"xpos"`
	Labels  []string `json:"labels"`
	Super   []string `json:"super"`
	Tables  [][2]int `json:"tables"` // slots and weights of each table, in the order of Model.tables
	Lemmas  int      `json:"lemmas"` // bytes of the lemma block
	Info    Info     `json:"info"`
	Version int      `json:"version"`
}

// Encode writes m in the model file format: a magic line, a JSON header,
// then for each table its feature keys, weight counts, classes and
// weights (little-endian), then the lemma block. The hash tables are
// rebuilt when the file is read: keys take less room than slots.
func (m *Model) Encode(w io.Writer) error {
	lem := m.lemmas.encode()
	h := header{UPOS: m.UPOS, XPOS: m.XPOS, Labels: m.Labels, Super: m.Super, Info: m.Info, Version: 1, Lemmas: len(lem)}
	for _, t := range m.tables() {
		if t.keys == nil {
			return errors.New("parse: only a freshly trained model can be written")
		}
		h.Tables = append(h.Tables, [2]int{len(t.keys), len(t.w)})
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
		binary.Write(&b, binary.LittleEndian, t.keys)
		b.Write(t.counts)
		for _, cw := range t.w {
			b.WriteByte(byte(cw >> 16))
		}
		for _, cw := range t.w {
			binary.Write(&b, binary.LittleEndian, uint16(cw))
		}
	}
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
		return nil, errors.New("not a tally parser model")
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
		len(m.Super) == 0 || len(m.Super) > 250 || len(h.Tables) != 5 {
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
	ptrs := []**table{&m.tag1, &m.tag2, &m.super, &m.parser, &m.rels}
	classes := []int{len(m.UPOS), len(m.UPOS), len(m.Super), 3, 2 * len(m.Labels)}
	for i, size := range h.Tables {
		var t *table
		t, rest, err = decodeTable(rest, size[0], size[1])
		if err != nil {
			return nil, err
		}
		if err := t.check(classes[i]); err != nil {
			return nil, err
		}
		*ptrs[i] = t
	}
	if len(rest) != h.Lemmas {
		return nil, fmt.Errorf("model: %d bytes of lemmas, header says %d", len(rest), h.Lemmas)
	}
	m.lemmas, err = decodeLemmas(rest)
	return m, err
}

func decodeTable(b []byte, features, weights int) (*table, []byte, error) {
	need := features*9 + weights*3
	if features < 0 || weights < 0 || weights >= maxWeights || need > len(b) {
		return nil, nil, errors.New("model: bad or truncated weight table")
	}
	keys := make([]uint64, features)
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	counts := append([]uint8(nil), b[8*features:9*features]...)
	classes, ws := b[9*features:9*features+weights], b[9*features+weights:need]
	cw := make([]uint32, weights)
	for i := range cw {
		cw[i] = uint32(classes[i])<<16 | uint32(binary.LittleEndian.Uint16(ws[2*i:]))
	}
	t, err := buildTable(keys, counts, cw)
	if err != nil {
		return nil, nil, fmt.Errorf("model: %w", err)
	}
	t.keys, t.counts = nil, nil
	return t, b[need:], nil
}

// tables are the model's weight tables in file order.
func (m *Model) tables() []*table { return []*table{m.tag1, m.tag2, m.super, m.parser, m.rels} }

// String names the model for `tally parse --help` and logs.
func (m *Model) String() string {
	n := 0
	for _, t := range m.tables() {
		n += t.features()
	}
	return fmt.Sprintf("%d tags, %d relations, %d features; %s", len(m.UPOS), len(m.Labels), n, strings.TrimSpace(m.Info.Trained))
}
