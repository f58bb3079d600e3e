; [map] with a file and no keyword: the brief map (origin and summary); a second file name
; is ignored; an empty program still has its .text.
[map defaults.map]
[map other.map]
