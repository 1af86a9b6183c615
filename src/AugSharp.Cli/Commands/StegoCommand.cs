using System.CommandLine;
using System.Globalization;
using System.Text;
using AugSharp.Steganography;

namespace AugSharp.Cli.Commands;

/// <summary><c>augsharp stego hide|reveal|capacity</c>: a message or a file inside an image, behind a password.</summary>
internal static class StegoCommand
{
    public static (Command, string[]) Create(CliContext context)
    {
        var command = new Command("stego", "Hide a message or a file inside an image behind a password (AES-256-GCM, Argon2id), reveal it, or show how much fits. Lossless images (PNG, BMP, TIFF, WebP) carry it in their pixels' low bits, JPEGs in their DCT coefficients.");
        command.Add(Hide(context));
        command.Add(Reveal(context));
        command.Add(Capacity(context));
        return (command,
        [
            "augsharp stego capacity cover.png",
            "augsharp stego hide cover.png stego.png --message \"meet at noon\" --password-file pw.txt",
            "augsharp stego hide photo.jpg stego.jpg --file plan.pdf --password-env STEGO_PASSWORD",
            "augsharp stego reveal stego.png --password-file pw.txt",
            "augsharp stego reveal stego.jpg --out restored/",
        ]);
    }

    private sealed class PasswordOptions
    {
        private readonly Option<string?> _file = new("--password-file") { HelpName = "FILE", Description = "Read the password from FILE (its first line; one final line break is dropped)." };
        private readonly Option<string?> _env = new("--password-env") { HelpName = "VAR", Description = "Read the password from the environment variable VAR." };
        private readonly Option<int?> _memory = new("--argon2-memory") { HelpName = "KIB", Description = "Argon2id memory in KiB (default 47104, 46 MiB); give the same value to reveal." };
        private readonly Option<int?> _passes = new("--argon2-passes") { HelpName = "N", Description = "Argon2id passes (default 1); give the same value to reveal." };

        public void AddTo(Command command)
        {
            command.Add(_file);
            command.Add(_env);
            command.Add(_memory);
            command.Add(_passes);
        }

        public StegoOptions Options(ParseResult parse)
        {
            int? memory = parse.GetValue(_memory), passes = parse.GetValue(_passes);
            if (memory is < 64 or > 4 * 1024 * 1024) throw new UsageException($"--argon2-memory must be from 64 to 4194304 KiB, got {memory}");
            if (passes is < 1 or > 100) throw new UsageException($"--argon2-passes must be from 1 to 100, got {passes}");
            var defaults = StegoOptions.Default;
            return defaults with { MemoryKiB = memory ?? defaults.MemoryKiB, Iterations = passes ?? defaults.Iterations };
        }

        public byte[] Password(ParseResult parse, CliContext context, bool confirm)
        {
            string? file = parse.GetValue(_file), variable = parse.GetValue(_env);
            if (file is not null && variable is not null) throw new UsageException("give one of --password-file and --password-env, not both");
            string password;
            if (file is not null)
            {
                if (!File.Exists(file)) throw new FileNotFoundException($"password file not found: {file}", file);
                password = File.ReadAllText(file);
                int end = password.IndexOf('\n');
                if (end >= 0) password = password[..end];
                password = password.TrimEnd('\r');
            }
            else if (variable is not null)
            {
                password = Environment.GetEnvironmentVariable(variable) ?? throw new UsageException($"the environment variable {variable} is not set");
            }
            else
            {
                if (Console.IsInputRedirected || !ReferenceEquals(context.Error, Console.Error))
                    throw new UsageException("no password: give --password-file FILE or --password-env VAR, or run in a terminal to be asked for it (a password is never taken on the command line)");
                password = Prompt(context, "Password: ");
                if (confirm && Prompt(context, "Repeat the password: ") != password) throw new UsageException("the two passwords differ");
            }
            if (password.Length == 0) throw new UsageException("the password is empty");
            return Encoding.UTF8.GetBytes(password);
        }

        private static string Prompt(CliContext context, string label)
        {
            context.Error.Write(label);
            context.Error.Flush();
            var typed = new StringBuilder();
            for (; ; )
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter) break;
                if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; continue; }
                if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
            }
            context.Error.WriteLine();
            return typed.ToString();
        }
    }

    private static Command Hide(CliContext context)
    {
        var cover = new Argument<string>("COVER") { Description = "The cover image (never modified)." };
        var output = new Argument<string>("OUTPUT") { Description = "The stego image; its extension gives the format: .png, .bmp, .tif/.tiff, .webp (lossless), or .jpg/.jpeg for a JPEG cover." };
        var message = new Option<string?>("--message") { HelpName = "TEXT", Description = "Hide this text." };
        var file = new Option<string?>("--file") { HelpName = "PATH", Description = "Hide this file (any kind, an image too); reveal restores it byte for byte under its name." };
        var command = new Command("hide", "Hide a message or a file in COVER and write the stego image to OUTPUT (written whole or not at all).") { cover, output, message, file };
        var passwords = new PasswordOptions();
        passwords.AddTo(command);
        command.SetAction(parse =>
        {
            string coverPath = parse.GetValue(cover)!, outputPath = parse.GetValue(output)!;
            string? text = parse.GetValue(message), filePath = parse.GetValue(file);
            if ((text is null) == (filePath is null)) throw new UsageException("give one of --message TEXT and --file PATH");
            var format = ImageCodec.FormatFromExtension(outputPath);
            if (format is not (ImageFormat.Png or ImageFormat.Bmp or ImageFormat.Tiff or ImageFormat.WebP or ImageFormat.Jpeg))
                throw new UsageException($"OUTPUT must end in .png, .bmp, .tif, .tiff, .webp, .jpg or .jpeg, got '{Path.GetFileName(outputPath)}'");
            if (!File.Exists(coverPath)) throw new FileNotFoundException($"file not found: {coverPath}", coverPath);
            if (string.Equals(Path.GetFullPath(coverPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
                throw new UsageException("OUTPUT is the cover: the cover is never modified, choose another name");
            if (filePath is not null && !File.Exists(filePath)) throw new FileNotFoundException($"file not found: {filePath}", filePath);
            var payload = text is not null ? StegoPayload.FromText(text) : StegoPayload.ReadFile(filePath!);
            var options = passwords.Options(parse);
            byte[] password = passwords.Password(parse, context, confirm: true);
            byte[] coverBytes = File.ReadAllBytes(coverPath);
            try
            {
                AtomicFile.Write(outputPath, stream => Stego.Hide(new MemoryStream(coverBytes), stream, format, payload, password, options, coverPath));
            }
            catch (StegoCapacityException e)
            {
                context.Error.WriteLine($"error: {coverPath}: {e.Message}");
                return AugSharpCli.Failure;
            }
            catch (StegoCarrierException e)
            {
                throw new UsageException($"{coverPath}: {e.Message}", e);
            }
            string what = text is not null ? "a message" : $"'{payload.Name}'";
            context.Out.WriteLine($"hid {what} ({payload.Data.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes) in {outputPath}");
            return AugSharpCli.Success;
        });
        return command;
    }

    private static Command Reveal(CliContext context)
    {
        var stego = new Argument<string>("STEGO") { Description = "The stego image." };
        var outPath = new Option<string?>("--out") { HelpName = "PATH", Description = "Write the payload here (a folder keeps the file's own name); default: a message is printed, a file is written under its own name in the current folder." };
        var command = new Command("reveal", "Reveal the message or file hidden in STEGO. A wrong password, an image without a payload and a damaged one give the same error.") { stego, outPath };
        var passwords = new PasswordOptions();
        passwords.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(stego)!;
            string? target = parse.GetValue(outPath);
            if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
            var options = passwords.Options(parse);
            byte[] password = passwords.Password(parse, context, confirm: false);
            StegoPayload payload;
            try
            {
                using var input = File.OpenRead(path);
                payload = Stego.Reveal(input, password, options, path);
            }
            catch (StegoNoPayloadException e)
            {
                context.Error.WriteLine($"error: {path}: {e.Message}");
                return AugSharpCli.Failure;
            }
            if (payload.Kind == StegoPayloadKind.Text && target is null)
            {
                context.Out.WriteLine(payload.Text);
                return AugSharpCli.Success;
            }
            string name = payload.Kind == StegoPayloadKind.File ? payload.Name : "message.txt";
            string destination = target is null ? name : Directory.Exists(target) || target.EndsWith('/') || target.EndsWith(Path.DirectorySeparatorChar) ? Path.Combine(target, name) : target;
            if (target is null && File.Exists(destination))
                throw new UsageException($"{destination} exists: give --out PATH to choose where the revealed file goes");
            if (string.Equals(Path.GetFullPath(destination), Path.GetFullPath(path), StringComparison.Ordinal))
                throw new UsageException("--out is the stego image itself: choose another name");
            AtomicFile.Write(destination, s => s.Write(payload.Data));
            string what = payload.Kind == StegoPayloadKind.Text ? "the message" : $"'{payload.Name}'";
            context.Out.WriteLine($"revealed {what} ({payload.Data.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes) to {destination}");
            return AugSharpCli.Success;
        });
        return command;
    }

    private static Command Capacity(CliContext context)
    {
        var cover = new Argument<string>("COVER") { Description = "The cover image." };
        var json = new Option<bool>("--json") { Description = "Print {\"capacity_bytes\": N}." };
        var command = new Command("capacity", "How many payload bytes (after compression, with the file name) COVER can hide: in its DCT coefficients for a JPEG, in its pixels otherwise.") { cover, json };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(cover)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
            long capacity;
            byte[] bytes = File.ReadAllBytes(path);
            try
            {
                capacity = Stego.Capacity(new MemoryStream(bytes), path);
            }
            catch (StegoCarrierException e)
            {
                throw new UsageException($"{path}: {e.Message}", e);
            }
            if (parse.GetValue(json)) context.Out.WriteLine($"{{\"capacity_bytes\": {capacity.ToString(CultureInfo.InvariantCulture)}}}");
            else
            {
                bool jpeg = ImageCodec.DetectFormat(bytes.AsSpan(0, Math.Min(16, bytes.Length))) == ImageFormat.Jpeg;
                string where = jpeg ? "in its DCT coefficients, as a JPEG stego image" : "in its pixels, as a PNG, BMP, TIFF or WebP stego image";
                context.Out.WriteLine($"{path} can hide {capacity.ToString("N0", CultureInfo.InvariantCulture)} bytes ({where})");
            }
            return AugSharpCli.Success;
        });
        return command;
    }
}
