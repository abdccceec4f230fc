// Command gen trains tally's tagger and parser on Universal Dependencies
// English EWT and writes the model file that internal/parse embeds:
//
//	go generate ./internal/parse
//
// runs it on ../shared/ud (see internal/parse/generate.go). Training is
// deterministic for a given seed and data.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tally-news/tally/internal/parse"
)

func main() {
	train := flag.String("train", "", "CoNLL-U training file")
	dev := flag.String("dev", "", "CoNLL-U tuning file (chooses the number of passes)")
	out := flag.String("out", "model.bin", "model file to write")
	opt := parse.TrainOptions{Log: os.Stderr}
	flag.IntVar(&opt.TagEpochs, "tag-epochs", 0, "most tagger passes (default 12)")
	flag.IntVar(&opt.ParseEpochs, "parse-epochs", 0, "most parser passes (default 20)")
	flag.IntVar(&opt.Folds, "folds", 0, "jackknife folds (default 5)")
	flag.Float64Var(&opt.Prune, "prune", 0, "drop weights below this share of the largest")
	flag.IntVar(&opt.MinSeen, "min-seen", 0, "drop parser features seen in fewer instances of the first pass")
	flag.IntVar(&opt.TagMinSeen, "tag-min-seen", 0, "the same for the taggers")
	flag.Int64Var(&opt.Seed, "seed", 0, "shuffling seed (default 1)")
	flag.BoolVar(&opt.Lexicon, "lexicon", false, "give the tagger the training words' ambiguity classes and tag constraints (see parse.TrainOptions)")
	flag.Parse()
	if *train == "" || *dev == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -train TRAIN.conllu -dev DEV.conllu [-out model.bin]")
		os.Exit(2)
	}
	if err := run(*train, *dev, *out, opt); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(trainPath, devPath, out string, opt parse.TrainOptions) error {
	start := time.Now()
	train, err := read(trainPath)
	if err != nil {
		return err
	}
	dev, err := read(devPath)
	if err != nil {
		return err
	}
	opt.Source = "UD English EWT: " + filepath.Base(trainPath) + ", tuned on " + filepath.Base(devPath)
	m, err := parse.Train(train, dev, opt)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := m.Encode(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	st, _ := os.Stat(out)
	fmt.Fprintf(os.Stderr, "wrote %s: %.1f MB, %s in all\n", out, float64(st.Size())/1e6, time.Since(start).Round(time.Second))
	return nil
}

func read(path string) ([]parse.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := parse.ReadCoNLLU(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
