using System.ComponentModel;
using System.Globalization;

namespace DePinGpu.Libp2p.Multiformats;

/// <summary>
/// Converts between a value type of this library and its canonical text, so configuration binding
/// (<c>Microsoft.Extensions.Configuration.Binder</c>) and other <see cref="TypeDescriptor"/> users can read
/// multiaddrs, peer ids and CIDs from strings. Text that does not parse fails with the parser's message.
/// </summary>
/// <typeparam name="T">The converted type.</typeparam>
public abstract class TextTypeConverter<T> : TypeConverter
    where T : class
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Parse(text.Trim()) : base.ConvertFrom(context, culture, value);

    /// <inheritdoc />
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is T typed ? typed.ToString() : base.ConvertTo(context, culture, value, destinationType);

    /// <summary>Parses <paramref name="text"/>, throwing <see cref="FormatException"/> when it is not valid.</summary>
    protected abstract T Parse(string text);
}
