// Building a backbone draws from libtorch's global generator; seeded tests compare with PyTorch
// draw for draw, so no other test may build a model at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
