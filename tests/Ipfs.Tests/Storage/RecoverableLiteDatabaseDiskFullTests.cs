using DePinGpu.Ipfs.Storage;
using DePinGpu.Ipfs.Tests.Support;
using DePinGpu.TestSupport.Faults;
using LiteDB;

namespace DePinGpu.Ipfs.Tests.Storage;

/// <summary>
/// The LiteDB wrapper on a disk that really runs out of space (a 4 MiB tmpfs; root only, skipped with the reason
/// elsewhere). A commit cut short by ENOSPC leaves LiteDB 5.0.21 with an active transaction whose finalizer throws on the
/// GC's thread and ends the process; this happened in CI, minutes after the disk-full tests, in an unrelated test.
/// </summary>
public sealed class RecoverableLiteDatabaseDiskFullTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly SmallDisk? _disk;
    private readonly string? _problem;

    public RecoverableLiteDatabaseDiskFullTests()
    {
        (_disk, _problem) = SmallDisk.TryMount(_folder.Combine("disk"), megabytes: 4);
    }

    public void Dispose()
    {
        _disk?.Dispose();
        _folder.Dispose();
    }

    [SkippableFact]
    public void CommitCutShortByAFullDisk_LeavesNothingThatEndsTheProcessWhenCollected_AndWorksOnceSpaceIsFree()
    {
        var disk = RequireDisk();
        using var database = new RecoverableLiteDatabase(Path.Combine(disk.Path, "store.db"));
        for (var i = 0; i < 10; i++)
        {
            database.Use(db => db.GetCollection("documents").Insert(Document(i, 1000)));
        }

        disk.Fill(leaveFreeBytes: 8192);
        var fault = FailOnAThreadThatEnds(database);
        Assert.IsAssignableFrom<IOException>(fault);

        // The failed transaction lived in the ended thread's slot; these collections finalize it if it is still armed,
        // and an armed one throws on the finalizer thread, which ends this test process (the run reports it aborted).
        for (var round = 0; round < 3; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        disk.Free();
        database.Use(db => db.GetCollection("documents").Insert(Document(99, 40_000)));
        Assert.Equal(11, database.Use(db => db.GetCollection("documents").Count()));
    }

    [SkippableFact]
    public void Disarm_AfterACommitCutShort_FindsTheAbandonedTransactionInThisLiteDbVersion()
    {
        var disk = RequireDisk();
        var database = new LiteDatabase(new ConnectionString { Filename = Path.Combine(disk.Path, "raw.db"), Connection = ConnectionType.Direct });
        database.GetCollection("documents").Insert(Document(1, 1000));
        Assert.Equal(0, AbandonedLiteTransactions.Disarm(database));

        disk.Fill(leaveFreeBytes: 8192);
        Assert.Throws<IOException>(() => database.GetCollection("documents").Insert(Document(2, 40_000)));

        // Null would mean a LiteDB upgrade moved the fields the wrapper reaches through: the process is unprotected.
        Assert.Equal(1, AbandonedLiteTransactions.Disarm(database));
        database.Dispose();
    }

    private static Exception? FailOnAThreadThatEnds(RecoverableLiteDatabase database)
    {
        Exception? fault = null;
        var thread = new Thread(() =>
        {
            try
            {
                database.Use(db => db.GetCollection("documents").Insert(Document(10, 40_000)));
            }
            catch (IOException exception)
            {
                fault = exception;
            }
        });
        thread.Start();
        thread.Join();
        return fault;
    }

    private static BsonDocument Document(int number, int length) =>
        new() { ["number"] = number, ["text"] = new string('x', length) };

    private SmallDisk RequireDisk()
    {
        Skip.If(_disk is null, "A tmpfs to fill needs root with CAP_SYS_ADMIN, and this machine refused the mount: " + _problem);
        return _disk;
    }
}
