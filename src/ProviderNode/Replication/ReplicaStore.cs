using System.Globalization;
using System.Numerics;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using LiteDB;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>The checkpoints this node replicated, persisted in <c>replicas.db</c> (LiteDB) under the data directory.</summary>
public sealed class ReplicaStore : IDisposable
{
    private readonly RecoverableLiteDatabase _database;

    /// <summary>
    /// Creates the store; the file is opened on first use. A write that fails (a full disk) throws and stores nothing,
    /// and the store works again once it can write (<see cref="RecoverableLiteDatabase"/>).
    /// </summary>
    public ReplicaStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new RecoverableLiteDatabase(path);
    }

    private static ILiteCollection<ReplicaRecord> Replicas(LiteDatabase database) => database.GetCollection<ReplicaRecord>("replicas");

    /// <summary>The record of <paramref name="cid"/>, or null.</summary>
    public ReplicaRecord? Find(Cid cid)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return _database.Use(database => Replicas(database).FindById(cid.ToString()));
    }

    /// <summary>The replicas of <paramref name="leaseId"/>.</summary>
    public IReadOnlyList<ReplicaRecord> OfLease(BigInteger leaseId)
    {
        var id = leaseId.ToString(CultureInfo.InvariantCulture);
        return _database.Use(database => (IReadOnlyList<ReplicaRecord>)[.. Replicas(database).Find(record => record.LeaseId == id)]);
    }

    /// <summary>The replicas of the leases of <paramref name="orderId"/>.</summary>
    public IReadOnlyList<ReplicaRecord> OfOrder(BigInteger orderId)
    {
        var id = orderId.ToString(CultureInfo.InvariantCulture);
        return _database.Use(database => (IReadOnlyList<ReplicaRecord>)[.. Replicas(database).Find(record => record.OrderId == id)]);
    }

    /// <summary>Writes <paramref name="record"/>.</summary>
    public void Save(ReplicaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _database.Use(database => Replicas(database).Upsert(record));
    }

    /// <summary>Forgets <paramref name="record"/>.</summary>
    public void Remove(ReplicaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _database.Use(database => Replicas(database).Delete(record.Id));
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();
}
