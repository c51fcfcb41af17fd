// Benchmarks for src/Libp2p; each prints its measurement next to a baseline measured in the same run.
Console.Error.WriteLine("No Libp2p benchmarks are implemented yet.");
return 2;
