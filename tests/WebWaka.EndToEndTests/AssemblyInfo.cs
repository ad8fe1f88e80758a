// Each collection boots a whole system; two at once on a two-core machine only slows both down.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
