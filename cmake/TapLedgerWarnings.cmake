# tapledger_warnings: an INTERFACE target every project target links PRIVATE.
add_library(tapledger_warnings INTERFACE)
target_compile_options(tapledger_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wformat=2
  -Wimplicit-fallthrough)
if(TAPLEDGER_WERROR)
  target_compile_options(tapledger_warnings INTERFACE -Werror)
endif()
# Qt's strict defines (used by Qt targets too; harmless elsewhere).
target_compile_definitions(tapledger_warnings INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CAST_FROM_BYTEARRAY QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_FOREACH QT_NO_KEYWORDS QT_USE_QSTRINGBUILDER
  QT_STRICT_ITERATORS QT_NO_JAVA_STYLE_ITERATORS)
