"""The citizen's e-document store ("Kho dữ liệu của tôi"): accepted papers, results, own papers.

A stored paper points at the same stored file as the attachment or signed copy it came from:
taking it into a new dossier ("Lấy từ kho") records a new attachment on those bytes, with no
copy and no second pass through the upload pipeline. A file goes from storage only when no
row refers to it any more (`dossiers.uploads.store.release_files`).
"""
