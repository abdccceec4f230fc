package eval_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tally-news/tally/internal/eval"
)

// The gold set in testdata/gold and the predictions in testdata/pred.jsonl
// exercise every rule of score.py: vague windows (and a vague word with no
// window), ranges, "the publisher" (empty source, publisher name, "The
// Publisher"), source_aliases (a list, and a string that Python splits
// into characters), possessives with ' and ’, Korea/Korean prefixes,
// measure case and spaces, int/float/string values, NaN, bools, unknown
// docs, a bad JSON line in each file, and lines without doc/measure/value.
// want*.out and want.err are score.py's output on them; refresh with
//
//	cd testdata && python3 ../../../../shared/eval/score.py gold pred.jsonl >want.out 2>want.err
//	python3 ../../../../shared/eval/score.py gold pred.jsonl -v >want-v.out

// scoreScript is shared/eval/score.py, the repository's sibling.
const scoreScript = "../../../shared/eval/score.py"

func runGo(t *testing.T, verbose bool) (stdout, stderr []byte) {
	t.Helper()
	res, err := eval.ScoreFiles("gold", "pred.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var o, e bytes.Buffer
	if err := res.Write(&o, verbose); err != nil {
		t.Fatal(err)
	}
	if err := res.WriteNotes(&e); err != nil {
		t.Fatal(err)
	}
	return o.Bytes(), e.Bytes()
}

// chdir runs the scorer from testdata so that the paths printed in
// warnings are the same relative paths in both implementations.
func chdir(t *testing.T) {
	t.Helper()
	t.Chdir("testdata")
}

func TestScoreMatchesGoldenOutput(t *testing.T) {
	chdir(t)
	for _, tc := range []struct {
		verbose bool
		want    string
	}{{false, "want.out"}, {true, "want-v.out"}} {
		out, errOut := runGo(t, tc.verbose)
		want, err := os.ReadFile(tc.want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, want) {
			t.Errorf("stdout (verbose=%v) differs from %s:\n got:\n%s\nwant:\n%s", tc.verbose, tc.want, out, want)
		}
		wantErr, err := os.ReadFile("want.err")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(errOut, wantErr) {
			t.Errorf("stderr differs from want.err:\n got:\n%s\nwant:\n%s", errOut, wantErr)
		}
	}
}

// TestAgreesWithPython runs score.py itself, so a change on either side
// shows up even if the golden files were not refreshed.
func TestAgreesWithPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	script, err := filepath.Abs(scoreScript)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(script); err != nil {
		t.Skipf("%s not found", scoreScript)
	}
	chdir(t)
	for _, verbose := range []bool{false, true} {
		args := []string{script, "gold", "pred.jsonl"}
		if verbose {
			args = append(args, "-v")
		}
		cmd := exec.Command(py, args...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil {
			t.Fatalf("score.py: %v\n%s", err, e.Bytes())
		}
		out, errOut := runGo(t, verbose)
		if !bytes.Equal(out, o.Bytes()) {
			t.Errorf("stdout (verbose=%v) differs:\n go:\n%s\npython:\n%s", verbose, out, o.Bytes())
		}
		if !bytes.Equal(errOut, e.Bytes()) {
			t.Errorf("stderr (verbose=%v) differs:\n go:\n%s\npython:\n%s", verbose, errOut, e.Bytes())
		}
	}
}

func TestScoreAPI(t *testing.T) {
	gold := []map[string]any{
		{"doc": "a", "measure": "killed", "value": 5.0, "source": "the publisher", "counted": nil},
		{"doc": "a", "measure": "wounded", "value": nil, "number_text": "dozens", "source": "Police"},
	}
	docs := []map[string]any{{"id": "a", "publisher": "Reuters"}}
	preds := []map[string]any{
		{"doc": "a", "measure": "killed", "value": 5, "source": "Reuters"},
		{"doc": "a", "measure": "wounded", "value": 11, "source": "police"},
		{"doc": "b", "measure": "killed", "value": 1},
		{"doc": "a", "value": 1},
	}
	r := eval.Score(gold, docs, preds)
	if r.Figure.Matched != 1 || r.Attributed.Matched != 1 || r.Predictions != 2 || r.Gold != 2 || r.Docs != 1 {
		t.Errorf("got %+v", r)
	}
	want := []string{
		"warning: prediction without doc/measure/value skipped: {'doc': 'a', 'value': 1}",
		"note: ignored 1 predictions for 1 docs not in the gold set",
	}
	if len(r.Notes) != 2 || r.Notes[0] != want[0] || r.Notes[1] != want[1] {
		t.Errorf("notes = %q, want %q", r.Notes, want)
	}
	var b bytes.Buffer
	r.Write(&b, false)
	if !bytes.HasSuffix(b.Bytes(), []byte("figure F1=0.500 attributed F1=0.500\n")) {
		t.Errorf("report:\n%s", b.Bytes())
	}
}

func TestScoreFilesMissing(t *testing.T) {
	if _, err := eval.ScoreFiles("testdata/nope", "testdata/pred.jsonl"); err == nil {
		t.Error("no error for a missing gold dir")
	}
}
