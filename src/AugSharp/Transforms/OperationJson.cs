using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// Operation records to JSON and back: each record is an object with a <c>"type"</c> (the record's
/// name without "Operation", which is its transform's name) and its values in snake_case.
/// Doubles are written in their shortest round-trip form, so a replayed record gives the same
/// bytes.
/// </summary>
public static class OperationJson
{
    private static readonly Lazy<Dictionary<string, Type>> Known = new(Discover);

    /// <summary>The options used for operation records (snake_case names, enums as snake_case strings, operations polymorphic).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The JSON type name of an operation record type.</summary>
    public static string TypeName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Name.EndsWith("Operation", StringComparison.Ordinal) && type.Name.Length > "Operation".Length
            ? type.Name[..^"Operation".Length]
            : type.Name;
    }

    /// <summary>One operation as JSON.</summary>
    public static string Serialize(IOperation operation) => JsonSerializer.Serialize(operation, Options);

    /// <summary>A list of operations (a recipe) as a JSON array.</summary>
    public static string Serialize(IReadOnlyList<IOperation> operations) => JsonSerializer.Serialize(operations, Options);

    /// <summary>Reads one operation.</summary>
    public static IOperation Deserialize(string json)
        => JsonSerializer.Deserialize<IOperation>(json, Options) ?? throw new JsonException("The JSON holds no operation.");

    /// <summary>Reads a list of operations.</summary>
    public static IReadOnlyList<IOperation> DeserializeList(string json)
        => JsonSerializer.Deserialize<List<IOperation>>(json, Options) ?? throw new JsonException("The JSON holds no operations.");

    /// <summary>The record type for a JSON type name, or null.</summary>
    public static Type? Find(string typeName) => Known.Value.GetValueOrDefault(typeName);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new OperationConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static Dictionary<string, Type> Discover()
    {
        var result = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(OperationJson).Assembly.GetTypes())
        {
            if (type.IsAbstract || type.IsInterface || !typeof(IOperation).IsAssignableFrom(type) || !type.IsPublic && !type.IsNestedPublic) continue;
            result[TypeName(type)] = type;
        }
        return result;
    }

    private sealed class OperationConverter : JsonConverter<IOperation>
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(IOperation);

        public override IOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var node = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("An operation is a JSON object.");
            string name = node["type"]?.GetValue<string>() ?? throw new JsonException("An operation needs a \"type\".");
            var type = Find(name) ?? throw new JsonException($"Unknown operation type '{name}'" + (Spelling.Closest(name, Known.Value.Keys) is { } s ? $"; did you mean '{s}'?" : "."));
            node.Remove("type");
            return (IOperation)(node.Deserialize(type, options) ?? throw new JsonException($"The {name} operation is empty."));
        }

        public override void Write(Utf8JsonWriter writer, IOperation value, JsonSerializerOptions options)
        {
            var node = JsonSerializer.SerializeToNode(value, value.GetType(), options) as JsonObject ?? new JsonObject();
            writer.WriteStartObject();
            writer.WriteString("type", TypeName(value.GetType()));
            foreach (var (key, child) in node)
            {
                writer.WritePropertyName(key);
                if (child is null) writer.WriteNullValue();
                else child.WriteTo(writer, options);
            }
            writer.WriteEndObject();
        }
    }
}
