using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Coevo.Coevolution.Imaging;

/// <summary>Owns a <c>cairo_surface_t*</c>; destroys it when disposed.</summary>
internal sealed class CairoSurfaceHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CairoSurfaceHandle() : base(ownsHandle: true) { }
    protected override bool ReleaseHandle()
    {
        Cairo.cairo_surface_destroy(handle);
        return true;
    }
}

/// <summary>Owns a <c>cairo_t*</c>; destroys it when disposed.</summary>
internal sealed class CairoContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CairoContextHandle() : base(ownsHandle: true) { }
    protected override bool ReleaseHandle()
    {
        Cairo.cairo_destroy(handle);
        return true;
    }
}

/// <summary>Owns a <c>cairo_pattern_t*</c>; destroys it when disposed.</summary>
internal sealed class CairoPatternHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CairoPatternHandle() : base(ownsHandle: true) { }
    protected override bool ReleaseHandle()
    {
        Cairo.cairo_pattern_destroy(handle);
        return true;
    }
}

/// <summary>P/Invoke declarations for the parts of cairo (libcairo.so.2) that Coevo uses.</summary>
internal static unsafe partial class Cairo
{
    private const string Lib = "libcairo.so.2";

    // cairo_format_t
    public const int FormatArgb32 = 0;
    public const int FormatRgb24 = 1;
    public const int FormatA8 = 2;

    // cairo_status_t (the ones we name)
    public const int StatusSuccess = 0;
    public const int StatusNoMemory = 1;
    public const int StatusReadError = 10;
    public const int StatusWriteError = 11;
    public const int StatusInvalidFormat = 16;
    public const int StatusFileNotFound = 18;

    // cairo_line_cap_t
    public const int LineCapButt = 0;
    public const int LineCapRound = 1;
    public const int LineCapSquare = 2;

    // cairo_font_slant_t / cairo_font_weight_t
    public const int FontSlantNormal = 0;
    public const int FontWeightNormal = 0;
    public const int FontWeightBold = 1;

    /// <summary>cairo_text_extents_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TextExtents
    {
        public double XBearing, YBearing, Width, Height, XAdvance, YAdvance;
    }

    [LibraryImport(Lib)] public static partial CairoSurfaceHandle cairo_image_surface_create(int format, int width, int height);
    [LibraryImport(Lib)] public static partial byte* cairo_image_surface_get_data(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial int cairo_image_surface_get_stride(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial int cairo_image_surface_get_width(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial int cairo_image_surface_get_height(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial int cairo_image_surface_get_format(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial void cairo_surface_mark_dirty(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial void cairo_surface_flush(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial int cairo_surface_status(CairoSurfaceHandle surface);
    [LibraryImport(Lib)] public static partial void cairo_surface_destroy(IntPtr surface);

    [LibraryImport(Lib)]
    public static partial int cairo_surface_write_to_png_stream(CairoSurfaceHandle surface, delegate* unmanaged[Cdecl]<IntPtr, byte*, uint, int> write, IntPtr closure);
    [LibraryImport(Lib)]
    public static partial CairoSurfaceHandle cairo_image_surface_create_from_png_stream(delegate* unmanaged[Cdecl]<IntPtr, byte*, uint, int> read, IntPtr closure);

    [LibraryImport(Lib)] public static partial IntPtr cairo_status_to_string(int status);

    [LibraryImport(Lib)] public static partial CairoContextHandle cairo_create(CairoSurfaceHandle target);
    [LibraryImport(Lib)] public static partial void cairo_destroy(IntPtr cr);
    [LibraryImport(Lib)] public static partial int cairo_status(CairoContextHandle cr);
    [LibraryImport(Lib)] public static partial void cairo_set_source_rgb(CairoContextHandle cr, double r, double g, double b);
    [LibraryImport(Lib)] public static partial void cairo_set_source_rgba(CairoContextHandle cr, double r, double g, double b, double a);
    [LibraryImport(Lib)] public static partial void cairo_set_source(CairoContextHandle cr, CairoPatternHandle pattern);
    [LibraryImport(Lib)] public static partial void cairo_move_to(CairoContextHandle cr, double x, double y);
    [LibraryImport(Lib)] public static partial void cairo_line_to(CairoContextHandle cr, double x, double y);
    [LibraryImport(Lib)] public static partial void cairo_arc(CairoContextHandle cr, double xc, double yc, double radius, double angle1, double angle2);
    [LibraryImport(Lib)] public static partial void cairo_close_path(CairoContextHandle cr);
    [LibraryImport(Lib)] public static partial void cairo_new_path(CairoContextHandle cr);
    [LibraryImport(Lib)] public static partial void cairo_stroke(CairoContextHandle cr);
    [LibraryImport(Lib)] public static partial void cairo_set_line_width(CairoContextHandle cr, double width);
    [LibraryImport(Lib)] public static partial void cairo_set_line_cap(CairoContextHandle cr, int cap);
    [LibraryImport(Lib)] public static partial void cairo_rectangle(CairoContextHandle cr, double x, double y, double width, double height);
    [LibraryImport(Lib)] public static partial void cairo_fill(CairoContextHandle cr);
    [LibraryImport(Lib)] public static partial void cairo_paint(CairoContextHandle cr);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cairo_select_font_face(CairoContextHandle cr, string family, int slant, int weight);
    [LibraryImport(Lib)] public static partial void cairo_set_font_size(CairoContextHandle cr, double size);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cairo_show_text(CairoContextHandle cr, string utf8);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cairo_text_extents(CairoContextHandle cr, string utf8, out TextExtents extents);

    [LibraryImport(Lib)] public static partial CairoPatternHandle cairo_pattern_create_linear(double x0, double y0, double x1, double y1);
    [LibraryImport(Lib)] public static partial CairoPatternHandle cairo_pattern_create_radial(double cx0, double cy0, double radius0, double cx1, double cy1, double radius1);
    [LibraryImport(Lib)] public static partial void cairo_pattern_add_color_stop_rgb(CairoPatternHandle pattern, double offset, double r, double g, double b);
    [LibraryImport(Lib)] public static partial void cairo_pattern_destroy(IntPtr pattern);

    /// <summary>cairo's description of a status code.</summary>
    public static string StatusText(int status) => Marshal.PtrToStringUTF8(cairo_status_to_string(status)) ?? $"status {status}";

    /// <summary>Throws when a surface is in an error state (out of memory, bad size).</summary>
    public static CairoSurfaceHandle Check(CairoSurfaceHandle surface, string what)
    {
        int status = cairo_surface_status(surface);
        if (status != StatusSuccess)
        {
            surface.Dispose();
            throw new InvalidOperationException($"cairo could not create {what}: {StatusText(status)}");
        }
        return surface;
    }
}
