// The browser tests, the HTTP tests and the tool's process tests share the two cores and the
// in-process web hosts; run one test class at a time so that a render never waits on another
// class's load.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
