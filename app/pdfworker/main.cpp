// reviewdesk-pdfworker: the process that runs Poppler for the app (see model/pdf/PdfWorkerMain.h).
#include "app/pdfworker/PdfWorkerMain.h"

int main(int argc, char* argv[])
{
    return rd::runPdfWorker(argc, argv);
}
