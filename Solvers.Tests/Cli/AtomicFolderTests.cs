using PartialLoading.Cli.Output;
using PartialLoading.Tests.Support;

namespace PartialLoading.Tests.Cli;

/// <summary>A folder written with <see cref="AtomicFolder"/> holds every new file or none, also when it did not exist before.</summary>
public class AtomicFolderTests
{
    private static readonly (string Name, byte[] Bytes)[] Files = [("a.csv", [1, 2]), ("b.csv", [3]), ("c.json", [4])];

    [Test]
    public void A_new_folder_appears_whole()
    {
        using InstanceFolder parent = InstanceFolder.Empty();
        string folder = parent.File("epoch-000001");
        var steps = new List<string>();

        AtomicFolder.Write(folder, Files, steps.Add);

        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "a.csv", "b.csv", "c.json" }));
        Assert.That(File.ReadAllBytes(Path.Combine(folder, "a.csv")), Is.EqualTo(new byte[] { 1, 2 }));
        Assert.That(steps, Is.EqualTo(new[] { "staging", "writing a.csv", "writing b.csv", "writing c.json", "renaming the folder" }));
        Assert.That(Directory.GetFileSystemEntries(parent.Path), Is.EqualTo(new[] { folder }), "no staging folder left");
    }

    [Test]
    public void A_new_folder_whose_write_fails_is_not_left_behind_at_all()
    {
        using InstanceFolder parent = InstanceFolder.Empty();
        string folder = parent.File("epoch-000001");

        Assert.Throws<IOException>(() => AtomicFolder.Write(folder, Files, step =>
        {
            if (step == "writing b.csv")
            {
                throw new IOException("No space left on device");
            }
        }));

        Assert.That(Directory.GetFileSystemEntries(parent.Path), Is.Empty, "neither the folder with a.csv alone nor the staging folder");
    }

    [Test]
    public void An_existing_folder_whose_write_fails_keeps_its_old_files()
    {
        using InstanceFolder parent = InstanceFolder.Empty();
        string folder = parent.File("out");
        AtomicFolder.Write(folder, Files);

        Assert.Throws<IOException>(() => AtomicFolder.Write(folder, [("a.csv", [9]), ("b.csv", [9]), ("c.json", [9])], step =>
        {
            if (step == "writing b.csv")
            {
                throw new IOException("No space left on device");
            }
        }));

        Assert.That(Directory.GetFiles(folder).Select(f => File.ReadAllBytes(f)[0]).Order(), Is.EqualTo(new byte[] { 1, 3, 4 }));
        Assert.That(Directory.GetFileSystemEntries(parent.Path), Is.EqualTo(new[] { folder }));
    }
}
