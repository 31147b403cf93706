#include "CaseFileFormat.h"
