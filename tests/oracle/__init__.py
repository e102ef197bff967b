"""PyTorch-parity oracle: code snippets, their recorded PyTorch results, and the runner."""
