-- Two statements and no name.
SELECT 1;

SELECT 2;
