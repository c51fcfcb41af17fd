// Benchmarks for src/Ipfs; each prints its measurement next to a baseline measured in the same run.
Console.Error.WriteLine("No Ipfs benchmarks are implemented yet.");
return 2;
