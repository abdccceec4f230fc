// Package parse gives each word of a sentence its part of speech, lemma,
// head and Universal Dependencies relation.
//
// Extraction needs grammar, not word lists: which noun a number counts
// ("the dead include 58 children"), which verb a source is the subject of
// ("the ministry said on Monday that ..."), what a place or nationality
// attaches to ("the war between Russia and Ukraine"). A dependency tree
// answers all three, so the sentences that can hold a figure are parsed.
//
// The tagger is an averaged perceptron over joint UPOS|XPOS tags, reading
// left to right with the tags it has already given (a model may add a
// lexicon of the training words' ambiguity classes, see
// TrainOptions.Lexicon; the shipped one does not). The parser is a
// greedy arc-hybrid transition parser (Kuhlmann, Gómez-Rodríguez and
// Satta 2011) with an averaged-perceptron model over the feature
// templates of Zhang and Nivre (2011), trained with the dynamic oracle of
// Goldberg and Nivre (2013) so that it learns to recover from its own
// mistakes; the relation of an arc comes from one model for left arcs and
// one for right arcs. The weights are 8-bit with a scale per feature,
// in hash tables whose slots hold the weights of the three moves
// themselves (see table.go): the parser's time goes to memory lookups,
// and a small model keeps them in cache. Both are trained on UD English
// EWT (CC BY-SA 4.0) by `go generate ./internal/parse`; the model file is
// embedded and decoded on first use, so commands that never parse never
// pay for it.
//
// Words are UD's syntactic words: our tokenizer keeps "Korea's",
// "don't" and "240mm" whole, and Words splits them the way UD does
// ("Korea" + "'s", "do" + "n't", "240" + "mm"), keeping byte offsets.
package parse
