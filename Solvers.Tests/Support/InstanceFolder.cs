using System.Text;

namespace PartialLoading.Tests.Support;

/// <summary>A temporary instance folder written from CSV text, deleted on dispose.</summary>
internal sealed class InstanceFolder : IDisposable
{
    public const string Server = "load_rate_mb_per_s,bandwidth_hz,noise_dbm_per_hz,initial_model\n1000,20000000,-174,\n";
    public const string Blocks = "block_id,size_mb\nalpha,300\nbeta,100\ngamma,500\n";
    public const string Models = "model_id,inference_s,blocks\nA,0.05,alpha\nB,0.05,alpha;beta\nC,0.05,gamma\n";
    public const string Users = "user_id,model_id,data_mbit,deadline_s,power_w,gain_db\nu1,C,2,1.2,0.2,-100\nu2,B,2,0.8,0.2,-100\nu3,A,2,0.6,0.2,-100\n";

    public InstanceFolder(string? server = Server, string? blocks = Blocks, string? models = Models, string? users = Users, Encoding? encoding = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "plsolve-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        encoding ??= new UTF8Encoding(false);
        Write("server.csv", server, encoding);
        Write("blocks.csv", blocks, encoding);
        Write("models.csv", models, encoding);
        Write("users.csv", users, encoding);
    }

    public string Path { get; }

    /// <summary>An empty temporary folder (to write into).</summary>
    public static InstanceFolder Empty() => new(server: null, blocks: null, models: null, users: null);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Write(string name, string? text, Encoding? encoding = null)
    {
        if (text is not null)
        {
            System.IO.File.WriteAllText(File(name), text, encoding ?? new UTF8Encoding(false));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
    }
}
