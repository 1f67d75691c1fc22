"""Qt widgets and windows of Backprop Studio."""
