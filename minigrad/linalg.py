"""torch.linalg: norms of vectors and matrices."""
