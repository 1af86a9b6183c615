using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AugSharp;

/// <summary>The registry written out for people and programs (what <c>augsharp transforms</c> prints).</summary>
public static class TransformCatalogue
{
    /// <summary>Every registered transform with its category, targets, pixel types, channels and parameters (with defaults), as JSON.</summary>
    public static string ToJson()
    {
        var list = new JsonArray();
        foreach (var d in TransformRegistry.All)
        {
            var parameters = new JsonArray();
            foreach (var p in d.Parameters)
                parameters.Add(new JsonObject { ["name"] = p.Name, ["kind"] = p.Kind, ["default"] = JsonSerializer.SerializeToNode(p.Default) });
            list.Add(new JsonObject
            {
                ["name"] = d.Name,
                ["category"] = d.Category,
                ["targets"] = new JsonArray(d.Targets.Select(t => (JsonNode?)t).ToArray()),
                ["pixel_types"] = new JsonArray(d.PixelTypes.Select(t => (JsonNode?)t).ToArray()),
                ["channels"] = d.Channels,
                ["parameters"] = parameters,
            });
        }
        var containers = new JsonArray(PipelineFile.ContainerNames.Select(n => (JsonNode?)n).ToArray());
        return new JsonObject { ["transforms"] = list, ["containers"] = containers }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The same as plain text: one block per category, one line per transform with its parameters and defaults.</summary>
    public static string ToText()
    {
        var sb = new StringBuilder();
        foreach (var group in TransformRegistry.All.GroupBy(d => d.Category))
        {
            sb.Append(group.Key).Append('\n');
            foreach (var d in group)
            {
                sb.Append("  ").Append(d.Name).Append(" (").Append(string.Join(", ", d.Targets)).Append(")\n");
                foreach (var p in d.Parameters)
                    sb.Append("      ").Append(p.Name).Append(": ").Append(JsonSerializer.Serialize(p.Default)).Append("  [").Append(p.Kind).Append("]\n");
            }
        }
        sb.Append("containers: ").Append(string.Join(", ", PipelineFile.ContainerNames)).Append('\n');
        return sb.ToString();
    }
}
