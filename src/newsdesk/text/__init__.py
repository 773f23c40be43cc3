"""Text primitives shared by the stages: sentences, words, names."""
