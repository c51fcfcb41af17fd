using System.Globalization;
using System.Numerics;
using DePinGpu.Libp2p.Multiformats;
using LiteDB;

namespace DePinGpu.ProviderNode.Replication;

/// <summary>The checkpoints this node replicated, persisted in <c>replicas.db</c> (LiteDB) under the data directory.</summary>
public sealed class ReplicaStore : IDisposable
{
    private readonly Lazy<LiteDatabase> _database;

    /// <summary>Creates the store; the file is opened on first use.</summary>
    public ReplicaStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _database = new Lazy<LiteDatabase>(() =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        });
    }

    private ILiteCollection<ReplicaRecord> Replicas => _database.Value.GetCollection<ReplicaRecord>("replicas");

    /// <summary>The record of <paramref name="cid"/>, or null.</summary>
    public ReplicaRecord? Find(Cid cid)
    {
        ArgumentNullException.ThrowIfNull(cid);
        return Replicas.FindById(cid.ToString());
    }

    /// <summary>The replicas of <paramref name="leaseId"/>.</summary>
    public IReadOnlyList<ReplicaRecord> OfLease(BigInteger leaseId)
    {
        var id = leaseId.ToString(CultureInfo.InvariantCulture);
        return [.. Replicas.Find(record => record.LeaseId == id)];
    }

    /// <summary>The replicas of the leases of <paramref name="orderId"/>.</summary>
    public IReadOnlyList<ReplicaRecord> OfOrder(BigInteger orderId)
    {
        var id = orderId.ToString(CultureInfo.InvariantCulture);
        return [.. Replicas.Find(record => record.OrderId == id)];
    }

    /// <summary>Writes <paramref name="record"/>.</summary>
    public void Save(ReplicaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Replicas.Upsert(record);
    }

    /// <summary>Forgets <paramref name="record"/>.</summary>
    public void Remove(ReplicaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Replicas.Delete(record.Id);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }
}
