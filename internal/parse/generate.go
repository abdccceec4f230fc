package parse

// The model is trained from the UD treebanks beside the repository
// (../shared/ud); training takes a few minutes on two cores.
//go:generate go run ./gen -train ../../../shared/ud/en_ewt-ud-train.conllu -dev ../../../shared/ud/en_ewt-ud-dev.conllu -min-seen 3 -tag-min-seen 3 -out model.bin
