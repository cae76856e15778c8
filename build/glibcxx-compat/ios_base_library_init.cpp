// Defines the one libstdc++ symbol of GLIBCXX_3.4.32 (GCC 13) that TorchSharp's libLibTorchSharp.so asks for.
// In a shared-library build it is a hook that does nothing; Debian 12's libstdc++ (GCC 12) lacks it.
// build/TorchSharp.targets compiles this into libcoevo_glibcxx_compat.so and links it into the output copy only.
namespace std { void ios_base_library_init() {} }
