// The examples seed libtorch's one global random generator; running them one at a time keeps
// each example's numbers independent of the others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
