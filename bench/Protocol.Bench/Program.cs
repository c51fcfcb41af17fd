// Benchmarks for src/Protocol; each prints its measurement next to a baseline measured in the same run.
Console.Error.WriteLine("No Protocol benchmarks are implemented yet.");
return 2;
