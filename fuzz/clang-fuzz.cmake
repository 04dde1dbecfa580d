# Initial cache for the libFuzzer build (cmake -C fuzz/clang-fuzz.cmake; scripts/fuzz does it).
# Every library is instrumented for coverage (fuzzer-no-link) and checked by ASan and UBSan;
# fuzz/CMakeLists.txt links the targets themselves with -fsanitize=fuzzer.
#
# clang 16, not Debian's default clang 14: libstdc++ 12 hides <expected> from clang 14, which
# also lacks P0848 (conditionally trivial special members). clang 16 implements both but still
# reports __cpp_concepts as 201907L, and libstdc++ 12 defines std::expected only for
# >= 202002L, hence the redefinition (and silencing the warning that it is a builtin macro).
set(CMAKE_CXX_COMPILER clang++-16 CACHE STRING "")
set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "")
set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O1 -g" CACHE STRING "")
set(CMAKE_CXX_FLAGS
    "-U__cpp_concepts -D__cpp_concepts=202002L -Wno-builtin-macro-redefined -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
    CACHE STRING "")
set(INGEST_FUZZ ON CACHE BOOL "")
set(INGEST_BUILD_TESTS OFF CACHE BOOL "")
set(INGEST_WERROR OFF CACHE BOOL "")
